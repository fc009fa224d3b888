package dev.hermod.imap.internal;

import java.io.ByteArrayOutputStream;

/** Decodes quoted-printable (RFC 2045 §6.7) leniently: a broken escape is kept as it is. */
final class QuotedPrintable {

    private QuotedPrintable() {
    }

    static byte[] decode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            // a soft line break: '=' then optional white space then CRLF or LF
            int j = i + 1;
            while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < in.length && (in[j] == '\r' || in[j] == '\n')) {
                i = in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n' ? j + 2 : j + 1;
                continue;
            }
            if (j == in.length) {
                i = j;
                continue;
            }
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                out.write(b);
                i++;
                continue;
            }
            out.write(hi * 16 + lo);
            i += 3;
        }
        return out.toByteArray();
    }
}
