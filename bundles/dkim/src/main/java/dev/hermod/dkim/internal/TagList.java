package dev.hermod.dkim.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tag=value; ...} syntax of DKIM signatures and key records (RFC 6376 §3.2) and DMARC records
 * (RFC 7489 §6.4). Tag names are case-sensitive; white space around names and values is removed; a tag
 * given twice makes the list invalid.
 */
final class TagList {

    private TagList() {
    }

    /**
     * @param text the list, folding allowed
     * @return the tags in order, values stripped of surrounding white space
     * @throws IllegalArgumentException if a tag-spec has no {@code =} or a name, or a tag repeats
     */
    static Map<String, String> parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        String unfolded = text.replace("\r\n", "").replace("\n", "");
        String[] specs = unfolded.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                if (i == specs.length - 1) {
                    break; // a final ";" is allowed
                }
                throw new IllegalArgumentException("empty tag in '" + text.strip() + "'");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("tag without '=': '" + spec.strip() + "'");
            }
            String name = spec.substring(0, eq).strip();
            // tag-name = ALPHA *ALNUMPUNC
            if (name.isEmpty() || !Character.isLetter(name.charAt(0))
                    || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                throw new IllegalArgumentException("bad tag name '" + name + "'");
            }
            if (tags.put(name, spec.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("tag " + name + "= given twice");
            }
        }
        return Collections.unmodifiableMap(tags);
    }

    /** @return the text without any white space, for base64 values ({@code b=}, {@code bh=}, {@code p=}) */
    static String noSpace(String value) {
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                s.append(c);
            }
        }
        return s.toString();
    }
}
