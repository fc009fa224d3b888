package dev.hermod.dkim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes and reads {@code Authentication-Results} fields (RFC 8601 §2.2):
 * {@code authserv-id; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com header.s=sel
 * header.b=abcdEFGH; dmarc=pass (p=reject) header.from=example.com}.
 */
final class AuthenticationResults {

    /** The field's name. */
    static final String FIELD = "Authentication-Results";

    // tspecials of RFC 2045 §5.1: a value holding one is written as a quoted-string
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private final List<String> results = new ArrayList<>();
    private final String authservId;

    /** @param authservId the name of this server as the ADMD knows it, usually its host name */
    AuthenticationResults(String authservId) {
        this.authservId = authservId;
    }

    /**
     * Adds one resinfo.
     *
     * @param method     {@code spf}, {@code dkim} or {@code dmarc}
     * @param result     the result keyword
     * @param comment    a comment after the result, or {@code null}
     * @param properties {@code ptype.property} and value pairs, e.g. {@code "header.d", "example.com"}; a
     *                   {@code null} value skips the pair
     * @return this
     */
    AuthenticationResults add(String method, String result, String comment, String... properties) {
        StringBuilder s = new StringBuilder(method).append('=').append(result);
        if (comment != null) {
            s.append(" (").append(comment.replace("(", "[").replace(")", "]").replace("\\", "/")).append(')');
        }
        for (int i = 0; i + 1 < properties.length; i += 2) {
            if (properties[i + 1] != null) {
                s.append(' ').append(properties[i]).append('=').append(value(properties[i + 1]));
            }
        }
        results.add(s.toString());
        return this;
    }

    /** @return the field's value: the authserv-id and the results, or {@code none} when there are none */
    String value() {
        if (results.isEmpty()) {
            return authservId + "; none";
        }
        return authservId + "; " + String.join("; ", results);
    }

    /**
     * A property value as RFC 8601 §2.2 allows: a token, an address or domain as is, otherwise a quoted-string.
     */
    static String value(String v) {
        boolean token = !v.isEmpty() && v.chars().allMatch(c -> c > 32 && c < 127 && TSPECIALS.indexOf(c) < 0);
        if (token) {
            return v;
        }
        int at = v.lastIndexOf('@');
        if (at >= 0 && v.indexOf(' ') < 0 && v.indexOf('"') < 0 && at == v.indexOf('@')
                && v.substring(at + 1).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
            return v;
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The authserv-id of a field's value: the text before the first {@code ;}, without comments, white space or
     * the optional version number.
     *
     * @param value the field's value, unfolded
     * @return the authserv-id in lower case, or {@code ""} if there is none
     */
    static String authservIdOf(String value) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    s.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    s.append(c);
                }
            } else if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                break;
            } else {
                s.append(c);
            }
        }
        String id = s.toString().strip();
        int space = id.indexOf(' ');
        if (space < 0) {
            space = id.indexOf('\t');
        }
        // authserv-id [ CFWS authres-version ]
        return (space < 0 ? id : id.substring(0, space)).toLowerCase(Locale.ROOT);
    }
}
