package dev.hermod.sieve.internal;

import java.math.BigInteger;

/** The comparators of RFC 4790 that Sieve uses (RFC 5228 §2.7.3). */
enum Comparator {
    /** {@code i;octet}: exact, by code point. */
    OCTET("i;octet"),
    /** {@code i;ascii-casemap}: A-Z and a-z are the same, the default comparator. */
    ASCII_CASEMAP("i;ascii-casemap"),
    /**
     * {@code i;ascii-numeric} (RFC 4790 §9.1): the value of the leading digits; a string not starting with a
     * digit is positive infinity, equal only to another such string.
     */
    ASCII_NUMERIC("i;ascii-numeric");

    private final String id;

    Comparator(String id) {
        this.id = id;
    }

    /** @return the registered name */
    String id() {
        return id;
    }

    /**
     * @param name a comparator name, any case
     * @return the comparator, or {@code null} if Hermod has none of that name
     */
    static Comparator byName(String name) {
        for (Comparator c : values()) {
            if (c.id.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /** @return a negative, zero or positive number as {@code a} sorts before, with, or after {@code b} */
    int compare(String a, String b) {
        return switch (this) {
            case OCTET -> a.compareTo(b);
            case ASCII_CASEMAP -> fold(a).compareTo(fold(b));
            case ASCII_NUMERIC -> {
                BigInteger x = number(a);
                BigInteger y = number(b);
                if (x == null || y == null) {
                    yield x == null ? (y == null ? 0 : 1) : -1;
                }
                yield x.compareTo(y);
            }
        };
    }

    boolean equal(String a, String b) {
        return this == OCTET ? a.equals(b) : compare(a, b) == 0;
    }

    boolean contains(String value, String key) {
        return this == OCTET ? value.contains(key) : fold(value).contains(fold(key));
    }

    /** Folds A-Z to a-z, leaving other characters as they are. */
    static String fold(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static BigInteger number(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end == 0 ? null : new BigInteger(s.substring(0, end));
    }
}
