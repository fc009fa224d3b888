package dev.hermod.migration.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3), as Maildir++ folder names use it too. */
final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int end;
            if (c != '&' || (end = s.indexOf('-', i + 1)) < 0) {
                out.append(c);
                continue;
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = DECODER.decode(s.substring(i + 1, end).replace(',', '/'));
                    out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException notBase64) {
                    out.append(s, i, end + 1);
                }
            }
            i = end;
        }
        return out.toString();
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7E) {
                out.append(c);
                i++;
            } else {
                int start = i;
                while (i < s.length() && (s.charAt(i) < 0x20 || s.charAt(i) > 0x7E)) {
                    i++;
                }
                byte[] utf16 = s.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
                out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            }
        }
        return out.toString();
    }
}
