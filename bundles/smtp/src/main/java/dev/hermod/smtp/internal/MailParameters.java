package dev.hermod.smtp.internal;

import java.util.Locale;

/**
 * The ESMTP parameters of {@code MAIL FROM}: SIZE (RFC 1870), BODY (RFC 6152, RFC 3030 BINARYMIME is not
 * offered), SMTPUTF8 (RFC 6531), RET and ENVID (DSN, RFC 3461 §4.3 and §4.4), AUTH (RFC 4954 §5, accepted
 * and ignored).
 */
record MailParameters(long size, boolean eightBit, boolean smtpUtf8, String ret, String envid) {

    /** The parameters as an envelope keeps them: upper-case names, values as given. */
    java.util.Map<String, String> asMap() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        if (size > 0) {
            m.put("SIZE", Long.toString(size));
        }
        if (eightBit) {
            m.put("BODY", "8BITMIME");
        }
        if (smtpUtf8) {
            m.put("SMTPUTF8", "");
        }
        if (ret != null) {
            m.put("RET", ret);
        }
        if (envid != null) {
            m.put("ENVID", envid);
        }
        return m;
    }

    /** @throws IllegalArgumentException for an unknown or malformed parameter, with the text to reply */
    static MailParameters parse(String[] words, int from) {
        long size = 0;
        boolean eightBit = false;
        boolean utf8 = false;
        String ret = null;
        String envid = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = from; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            int eq = w.indexOf('=');
            String key = (eq < 0 ? w : w.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : w.substring(eq + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("Duplicate parameter " + key);
            }
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
                case "RET" -> {
                    if (!"FULL".equalsIgnoreCase(value) && !"HDRS".equalsIgnoreCase(value)) {
                        throw new IllegalArgumentException("RET must be FULL or HDRS");
                    }
                    ret = value.toUpperCase(Locale.ROOT);
                }
                case "ENVID" -> {
                    // RFC 3461 §4.4: xtext, at most 100 characters
                    if (value == null || value.isEmpty() || value.length() > 100 || !Xtext.valid(value)) {
                        throw new IllegalArgumentException("Bad ENVID parameter");
                    }
                    envid = value;
                }
                case "AUTH" -> { }
                default -> throw new IllegalArgumentException("Unsupported parameter " + key);
            }
        }
        return new MailParameters(size, eightBit, utf8, ret, envid);
    }
}
