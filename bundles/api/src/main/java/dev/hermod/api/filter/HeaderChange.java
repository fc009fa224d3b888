package dev.hermod.api.filter;

import java.util.Objects;

/**
 * One change to a message's header, as milter and the Sieve {@code editheader} extension (RFC 5293) make
 * them. Occurrences are counted from the top of the header, from 1.
 *
 * @param kind  what to do, never {@code null}
 * @param name  the field name, e.g. {@code X-Spam-Status}: printable ASCII without colon or space; matched
 *              case-insensitively; never {@code null}
 * @param value for {@link Kind#ADD_FIRST}, {@link Kind#ADD_LAST} and {@link Kind#REPLACE}: the field's value
 *              without the name and colon, unfolded — no CR or LF; the core folds long values when writing
 *              (UTF-8 allowed, RFC 6532). {@code null} for {@link Kind#REMOVE}
 * @param index for {@link Kind#REMOVE}: which occurrence to remove, {@code 0} for all; for
 *              {@link Kind#REPLACE}: which occurrence to replace, from 1 (nothing happens if there is no such
 *              occurrence); {@code 0} for the additions
 */
public record HeaderChange(Kind kind, String name, String value, int index) {

    /** The kinds of header change. */
    public enum Kind {
        /** Add a field at the top of the header, where trace fields go. */
        ADD_FIRST,
        /** Add a field at the end of the header. */
        ADD_LAST,
        /** Remove one occurrence, or all, of a field. */
        REMOVE,
        /** Replace the value of one occurrence of a field, keeping its position. */
        REPLACE
    }

    /**
     * Validates the change.
     *
     * @param kind what to do, never {@code null}
     * @param name the field name, e.g. {@code X-Spam-Status}: printable ASCII without colon or space; matched
     *             case-insensitively; never {@code null}
     * @param value for {@link Kind#ADD_FIRST}, {@link Kind#ADD_LAST} and {@link Kind#REPLACE}: the field's
     *              value without the name and colon, unfolded — no CR or LF; the core folds long values when
     *              writing (UTF-8 allowed, RFC 6532). {@code null} for {@link Kind#REMOVE}
     * @param index for {@link Kind#REMOVE}: which occurrence to remove, {@code 0} for all; for {@link
     *              Kind#REPLACE}: which occurrence to replace, from 1 (nothing happens if there is no such
     *              occurrence); {@code 0} for the additions
     * @throws NullPointerException     if {@code kind} or {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is not a field name, the value is missing, present for
     *                                  {@code REMOVE}, or holds CR, LF or NUL, or the index does not suit the kind
     */
    public HeaderChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        // field-name = 1*ftext; ftext = %d33-57 / %d59-126 (RFC 5322 §3.6.8)
        if (name.isEmpty() || !name.chars().allMatch(c -> c >= 33 && c <= 126 && c != ':')) {
            throw new IllegalArgumentException("not a header field name: '" + name + "'");
        }
        if (kind == Kind.REMOVE) {
            if (value != null || index < 0) {
                throw new IllegalArgumentException("REMOVE takes no value and an index of 0 (all) or more");
            }
        } else {
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header value must be given, unfolded, without CR, LF or NUL");
            }
            if (kind == Kind.REPLACE ? index < 1 : index != 0) {
                throw new IllegalArgumentException(kind + " takes an index of "
                        + (kind == Kind.REPLACE ? "1 or more" : "0"));
            }
        }
    }

    /**
     * @param name  the field name, not {@code null}
     * @param value the value, not {@code null}
     * @return a change adding the field at the top of the header
     */
    public static HeaderChange addFirst(String name, String value) {
        return new HeaderChange(Kind.ADD_FIRST, name, value, 0);
    }

    /**
     * @param name  the field name, not {@code null}
     * @param value the value, not {@code null}
     * @return a change adding the field at the end of the header
     */
    public static HeaderChange addLast(String name, String value) {
        return new HeaderChange(Kind.ADD_LAST, name, value, 0);
    }

    /**
     * @param name the field name, not {@code null}
     * @return a change removing every occurrence of the field
     */
    public static HeaderChange remove(String name) {
        return new HeaderChange(Kind.REMOVE, name, null, 0);
    }

    /**
     * @param name  the field name, not {@code null}
     * @param index which occurrence, from 1
     * @return a change removing one occurrence of the field
     */
    public static HeaderChange remove(String name, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("occurrences count from 1: " + index);
        }
        return new HeaderChange(Kind.REMOVE, name, null, index);
    }

    /**
     * @param name  the field name, not {@code null}
     * @param index which occurrence, from 1
     * @param value the new value, not {@code null}
     * @return a change replacing one occurrence's value
     */
    public static HeaderChange replace(String name, int index, String value) {
        return new HeaderChange(Kind.REPLACE, name, value, index);
    }
}
