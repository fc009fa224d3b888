package dev.hermod.smtp.internal;

import java.util.Locale;

/**
 * The ESMTP parameters of {@code MAIL FROM}: SIZE (RFC 1870), BODY (RFC 6152, RFC 3030 BINARYMIME is not
 * offered), SMTPUTF8 (RFC 6531), AUTH (RFC 4954 §5, accepted and ignored).
 */
record MailParameters(long size, boolean eightBit, boolean smtpUtf8) {

    /** @throws IllegalArgumentException for an unknown or malformed parameter, with the text to reply */
    static MailParameters parse(String[] words, int from) {
        long size = 0;
        boolean eightBit = false;
        boolean utf8 = false;
        for (int i = from; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            int eq = w.indexOf('=');
            String key = (eq < 0 ? w : w.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : w.substring(eq + 1);
            switch (key) {
                case "SIZE" -> {
                    try {
                        size = Long.parseLong(value);
                    } catch (NumberFormatException | NullPointerException e) {
                        throw new IllegalArgumentException("Bad SIZE parameter");
                    }
                }
                case "BODY" -> {
                    if ("8BITMIME".equalsIgnoreCase(value)) {
                        eightBit = true;
                    } else if (!"7BIT".equalsIgnoreCase(value)) {
                        throw new IllegalArgumentException("BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "SMTPUTF8" -> utf8 = true;
                case "AUTH" -> { }
                default -> throw new IllegalArgumentException("Unsupported parameter " + key);
            }
        }
        return new MailParameters(size, eightBit, utf8);
    }
}
