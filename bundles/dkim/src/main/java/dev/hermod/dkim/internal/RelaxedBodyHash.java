package dev.hermod.dkim.internal;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 hash of a body in the {@code relaxed} canonical form (RFC 6376 §3.4.4), computed as the body
 * streams through, so a signer never holds the body: the same form as {@link Canonicalizer#body} with
 * {@link Canonicalizer#RELAXED}, octet for octet. Lines end at LF; a CR just before it belongs to the line end.
 * Runs of WSP become one SP, WSP at a line's end is dropped, empty lines at the end are dropped, and a last
 * line without a line end gets CRLF.
 *
 * <p>Not thread safe: one per body.
 */
final class RelaxedBodyHash extends OutputStream {

    private final MessageDigest digest;
    private final byte[] buffer = new byte[8192];
    private int used;
    private boolean space;
    private boolean content;
    private boolean cr;
    private long emptyLines;

    RelaxedBodyHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) {
        if (cr) {
            cr = false;
            if (b == '\n') {
                endLine();
                return;
            }
            octet('\r');
        }
        switch (b & 0xff) {
            case '\r' -> cr = true;
            case '\n' -> endLine();
            case ' ', '\t' -> space = true;
            default -> octet(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void octet(int b) {
        if (!content) {
            for (; emptyLines > 0; emptyLines--) {
                emit('\r');
                emit('\n');
            }
            content = true;
        }
        if (space) {
            emit(' ');
            space = false;
        }
        emit(b);
    }

    private void endLine() {
        if (content) {
            emit('\r');
            emit('\n');
        } else {
            emptyLines++;
        }
        content = false;
        space = false;
    }

    private void emit(int b) {
        if (used == buffer.length) {
            digest.update(buffer, 0, used);
            used = 0;
        }
        buffer[used++] = (byte) b;
    }

    /**
     * Ends the body: an unterminated last line (or one ended by a lone CR) gets its CRLF.
     *
     * @return the hash, for {@code bh=}; the stream is then spent
     */
    byte[] finish() {
        cr = false; // a CR that ends the body ends its last line, as in Canonicalizer
        if (content) {
            endLine();
        }
        digest.update(buffer, 0, used);
        used = 0;
        return digest.digest();
    }
}
