package dev.hermod.smtp.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The ESMTP parameters of {@code RCPT TO}: NOTIFY and ORCPT (DSN, RFC 3461 §4.1 and §4.2). They are checked
 * here; local delivery sends no success notices, and the outbound queue carries them on.
 */
record RcptParameters(Set<String> notifyOn, String orcpt) {

    /** @throws IllegalArgumentException for an unknown or malformed parameter, with the text to reply */
    static RcptParameters parse(String[] words, int from, boolean esmtp) {
        Set<String> notify = Set.of();
        String orcpt = null;
        Set<String> seen = new HashSet<>();
        for (int i = from; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            if (!esmtp) {
                throw new IllegalArgumentException("Parameters need EHLO");
            }
            int eq = w.indexOf('=');
            String key = (eq < 0 ? w : w.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : w.substring(eq + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("Duplicate parameter " + key);
            }
            switch (key) {
                case "NOTIFY" -> {
                    if (value == null || value.isEmpty()) {
                        throw new IllegalArgumentException("Bad NOTIFY parameter");
                    }
                    Set<String> values = new HashSet<>();
                    for (String v : value.toUpperCase(Locale.ROOT).split(",", -1)) {
                        if (!Set.of("NEVER", "SUCCESS", "FAILURE", "DELAY").contains(v) || !values.add(v)) {
                            throw new IllegalArgumentException("NOTIFY takes NEVER or SUCCESS,FAILURE,DELAY");
                        }
                    }
                    if (values.contains("NEVER") && values.size() > 1) {
                        throw new IllegalArgumentException("NOTIFY=NEVER stands alone");
                    }
                    notify = Set.copyOf(values);
                }
                case "ORCPT" -> {
                    // addr-type ";" xtext, e.g. rfc822;jane@example.com (utf-8 addresses, RFC 6533, too)
                    int semi = value == null ? -1 : value.indexOf(';');
                    if (semi <= 0 || semi == value.length() - 1 || value.length() > 500
                            || !Xtext.valid(value.substring(semi + 1)) && !value.regionMatches(true, 0, "utf-8;", 0, 6)) {
                        throw new IllegalArgumentException("Bad ORCPT parameter");
                    }
                    orcpt = value;
                }
                default -> throw new IllegalArgumentException("Unsupported parameter " + key);
            }
        }
        return new RcptParameters(notify, orcpt);
    }
}
