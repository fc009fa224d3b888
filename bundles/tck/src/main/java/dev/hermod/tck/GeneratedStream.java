package dev.hermod.tck;

import dev.hermod.api.mail.BlobHash;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic pseudo-random stream of a given length that digests what it hands out, so a test can
 * store a blob of any size without holding it in memory and still know its SHA-256.
 */
final class GeneratedStream extends InputStream {

    private final long length;
    private final MessageDigest digest = sha256();
    private long state;
    private long word;
    private int wordBytesLeft;
    private long position;
    private long checkpointEvery = Long.MAX_VALUE;
    private long nextCheckpoint = Long.MAX_VALUE;
    private Runnable checkpoint = () -> { };

    GeneratedStream(long seed, long length) {
        this.length = length;
        this.state = seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
        if (state == 0) {
            state = 1;
        }
    }

    /** The content of a small generated blob, in memory. */
    static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new GeneratedStream(seed, length).read(bytes, 0, length);
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Runs {@code action} on the reading thread each time another {@code interval} bytes have been read. */
    GeneratedStream checkpointEvery(long interval, Runnable action) {
        checkpointEvery = interval;
        nextCheckpoint = interval;
        checkpoint = action;
        return this;
    }

    /** The hash of everything read so far; the blob's hash once the stream is at its end. */
    BlobHash hash() {
        try {
            return BlobHash.of(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }

    long position() {
        return position;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            if (wordBytesLeft == 0) {
                word = next();
                wordBytesLeft = 8;
            }
            buffer[offset + i] = (byte) word;
            word >>>= 8;
            wordBytesLeft--;
        }
        digest.update(buffer, offset, n);
        position += n;
        if (position >= nextCheckpoint) {
            nextCheckpoint = (position / checkpointEvery + 1) * checkpointEvery;
            checkpoint.run();
        }
        return n;
    }

    // xorshift64*: fast, and its output does not compress or repeat.
    private long next() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545F4914F6CDD1DL;
    }
}
