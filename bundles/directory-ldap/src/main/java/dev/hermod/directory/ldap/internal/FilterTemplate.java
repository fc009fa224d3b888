package dev.hermod.directory.ldap.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Objects;
import org.apache.directory.api.ldap.model.filter.FilterParser;

/**
 * An LDAP filter from the configuration whose every {@code ?} stands for the value looked up, e.g.
 * {@code (&(objectClass=inetOrgPerson)(uid=?))}. The value is escaped as an RFC 4515 §3 assertion value, so no
 * input can change the filter's structure: {@code *}, {@code (}, {@code )}, {@code \}, NUL, the other control
 * characters and every byte of a non-ASCII character's UTF-8 encoding become {@code \xx}. A literal {@code ?}
 * in a template is written {@code \3f}. Placeholders may also sit inside a substring assertion, as in
 * {@code (mail=*@?)}.
 */
final class FilterTemplate {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String key;
    private final String template;

    private FilterTemplate(String key, String template) {
        this.key = key;
        this.template = template;
    }

    /**
     * @param key      the configuration key, for messages
     * @param template the filter with placeholders
     * @return the template
     * @throws IllegalArgumentException if it is not an LDAP filter, or has no placeholder
     */
    static FilterTemplate of(String key, String template) {
        Objects.requireNonNull(template, key);
        String t = template.strip();
        if (t.indexOf('?') < 0) {
            throw new IllegalArgumentException("directory.ldap " + key + " must contain '?' where the looked-up value goes: "
                    + t);
        }
        FilterTemplate result = new FilterTemplate(key, t);
        try {
            FilterParser.parse(result.with("x"));
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("directory.ldap " + key + " is not an LDAP filter (RFC 4515): " + t
                    + " (" + e.getMessage() + ")", e);
        }
        return result;
    }

    /**
     * @param value the value, any string
     * @return the filter with every placeholder replaced by the escaped value
     */
    String with(String value) {
        String escaped = escape(value);
        StringBuilder out = new StringBuilder(template.length() + escaped.length() * 2);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '?') {
                out.append(escaped);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the configuration key */
    String key() {
        return key;
    }

    @Override
    public String toString() {
        return template;
    }

    /**
     * Escapes an assertion value (RFC 4515 §3: {@code valueencoding}). Printable ASCII other than {@code *()\}
     * is kept; everything else is written as the {@code \xx} escapes of its UTF-8 bytes. An unpaired surrogate
     * is encoded as U+FFFD.
     *
     * @param value the value
     * @return the escaped value, ASCII only
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 0x20 && cp < 0x7f && cp != '*' && cp != '(' && cp != ')' && cp != '\\' || cp == ' ') {
                out.append((char) cp);
                continue;
            }
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                cp = 0xFFFD;
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                out.append('\\').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
