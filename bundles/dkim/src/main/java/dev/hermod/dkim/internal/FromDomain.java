package dev.hermod.dkim.internal;

import java.util.List;
import java.util.Locale;

/**
 * The RFC5322.From domain DMARC judges (RFC 7489 §3.1, §6.6.1): the domain of the single address in the single
 * {@code From} field. A message with no From, several From fields or several addresses in one has none, and
 * DMARC reports {@code permerror} for it.
 */
final class FromDomain {

    private FromDomain() {
    }

    /**
     * @param fromValues the values of the message's {@code From} fields, unfolded
     * @return the domain in lower case, or {@code null} when there is not exactly one address with a domain
     */
    static String of(List<String> fromValues) {
        if (fromValues.size() != 1) {
            return null;
        }
        String v = stripComments(fromValues.get(0)).strip();
        if (topLevelCommas(v) > 0) {
            return null; // a mailbox-list of several addresses
        }
        int lt = v.lastIndexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            v = v.substring(lt + 1, gt);
        }
        int at = v.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String domain = v.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() || domain.chars().anyMatch(c -> c <= ' ' || "<>()[]\\,;:\"".indexOf(c) >= 0)
                ? null : domain;
    }

    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                if (c == '"') {
                    quoted = true;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int topLevelCommas(String s) {
        int commas = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && c == ',') {
                commas++;
            }
        }
        return commas;
    }
}
