package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the addr-specs from an address header field (RFC 5322 §3.4): display names, comments, group names
 * and source routes are dropped. Lenient: text that is no address yields itself, trimmed.
 */
final class Addresses {

    private Addresses() {
    }

    static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        String angle = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && value.charAt(j) != '"') {
                    j += value.charAt(j) == '\\' ? 2 : 1;
                }
                plain.append(value, i, Math.min(j + 1, n));
                i = j + 1;
            } else if (c == '(') {
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    char d = value.charAt(j);
                    if (d == '\\') {
                        j++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                    j++;
                }
                plain.append(' ');
                i = j;
            } else if (c == '<') {
                int j = value.indexOf('>', i);
                angle = value.substring(i + 1, j < 0 ? n : j);
                i = j < 0 ? n : j + 1;
            } else if (c == ':' && angle == null && !plain.toString().contains("@")) {
                plain.setLength(0); // group name
                i++;
            } else if (c == ',' || c == ';') {
                flush(out, plain, angle);
                plain.setLength(0);
                angle = null;
                i++;
            } else {
                plain.append(c);
                i++;
            }
        }
        flush(out, plain, angle);
        return out;
    }

    private static void flush(List<String> out, StringBuilder plain, String angle) {
        String a = angle != null ? angle : plain.toString();
        int route = a.lastIndexOf(':');
        if (angle != null && route >= 0 && a.startsWith("@")) {
            a = a.substring(route + 1);
        }
        a = angle != null ? a.strip() : a.replaceAll("\\s+", "");
        if (!a.isEmpty()) {
            out.add(a);
        }
    }

    /**
     * The part of an address an address test compares (RFC 5228 §2.7.4, RFC 5233 §4).
     *
     * @param address the addr-spec
     * @param part    {@code all}, {@code localpart}, {@code domain}, {@code user} or {@code detail}
     * @return the part, or {@code null} if the address has none ({@code :detail} without separator)
     */
    static String part(String address, String part) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at + 1);
        int plus = local.indexOf('+');
        return switch (part) {
            case "localpart" -> local;
            case "domain" -> domain;
            case "user" -> plus < 0 ? local : local.substring(0, plus);
            case "detail" -> plus < 0 ? null : local.substring(plus + 1);
            default -> address;
        };
    }
}
