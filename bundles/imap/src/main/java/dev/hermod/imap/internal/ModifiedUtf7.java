package dev.hermod.imap.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names in modified UTF-7 (RFC 3501 §5.1.3), for IMAP4rev1 clients that have not enabled
 * UTF8=ACCEPT: printable ASCII stands for itself except {@code &} ({@code &-}); other characters are
 * UTF-16 in modified base64 ({@code ,} for {@code /}) between {@code &} and {@code -}.
 */
final class ModifiedUtf7 {

    private ModifiedUtf7() {
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                j++;
            }
            byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ','))
                    .append('-');
            i = j;
        }
        return out.toString();
    }

    /** @throws ImapException BAD for a name that is not valid modified UTF-7 */
    static String decode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '&') {
                out.append(c); // 8-bit text from a client that did not enable UTF-8 is taken as UTF-8
                i++;
                continue;
            }
            int end = name.indexOf('-', i);
            if (end < 0) {
                throw ImapException.bad("Mailbox name is not valid modified UTF-7");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = Base64.getDecoder().decode(name.substring(i + 1, end).replace(',', '/'));
                    out.append(new String(utf16, StandardCharsets.UTF_16BE));
                } catch (IllegalArgumentException e) {
                    throw ImapException.bad("Mailbox name is not valid modified UTF-7");
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
