package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Match types: {@code :is}, {@code :contains}, {@code :matches} (RFC 5228 §2.7.1), {@code :regex} (draft
 * "regex" extension), {@code :value} and {@code :count} (RFC 5231).
 *
 * @param type       {@code is}, {@code contains}, {@code matches}, {@code regex}, {@code value} or {@code count}
 * @param relation   for {@code value} and {@code count}: {@code gt}, {@code ge}, {@code lt}, {@code le},
 *                   {@code eq} or {@code ne}
 * @param comparator the comparator
 */
record Matching(String type, String relation, Comparator comparator) {

    private static final List<String> NONE = List.of();

    /** @return the match type, relation and comparator of a test's tags, with the defaults of RFC 5228 */
    static Matching of(Call call) {
        String cmp = call.tagString("comparator");
        Comparator comparator = cmp == null ? Comparator.ASCII_CASEMAP : Comparator.byName(cmp);
        for (String t : new String[] {"contains", "matches", "regex"}) {
            if (call.has(t)) {
                return new Matching(t, null, comparator);
            }
        }
        for (String t : new String[] {"value", "count"}) {
            if (call.has(t)) {
                return new Matching(t, call.tagString(t).toLowerCase(Locale.ROOT), comparator);
            }
        }
        return new Matching("is", null, comparator);
    }

    /** @return whether the match type sets match variables (RFC 5229 §3.2) */
    boolean captures() {
        return type.equals("matches") || type.equals("regex");
    }

    /**
     * @param values the values the test found
     * @param keys   the keys, variables expanded
     * @return {@code null} if no value matches a key; otherwise the match variables ({@code ${0}} first) of the
     *         first match for {@code :matches} and {@code :regex}, an empty list for the other types
     */
    List<String> match(List<String> values, List<String> keys) {
        if (type.equals("count")) {
            String count = Integer.toString(values.size());
            for (String key : keys) {
                if (relate(comparator.compare(count, key))) {
                    return NONE;
                }
            }
            return null;
        }
        for (String value : values) {
            for (String key : keys) {
                List<String> m = matchOne(value, key);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private List<String> matchOne(String value, String key) {
        switch (type) {
            case "is":
                return comparator.equal(value, key) ? NONE : null;
            case "contains":
                return comparator.contains(value, key) ? NONE : null;
            case "value":
                return relate(comparator.compare(value, key)) ? NONE : null;
            case "matches": {
                Matcher m = glob(key).matcher(value);
                return m.matches() ? groups(m) : null;
            }
            default: {
                int flags = comparator == Comparator.OCTET ? 0 : Pattern.CASE_INSENSITIVE;
                Matcher m;
                try {
                    m = Pattern.compile(key, flags).matcher(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new SieveRuntimeException("invalid regular expression \"" + key + "\"");
                }
                return m.find() ? groups(m) : null;
            }
        }
    }

    private boolean relate(int c) {
        return switch (relation) {
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "eq" -> c == 0;
            default -> c != 0;
        };
    }

    private static List<String> groups(Matcher m) {
        List<String> g = new ArrayList<>();
        for (int i = 0; i <= m.groupCount(); i++) {
            g.add(m.group(i) == null ? "" : m.group(i));
        }
        return g;
    }

    /**
     * Turns a {@code :matches} pattern into a regular expression: {@code *} and {@code ?} become groups, the
     * leftmost {@code *} matching as little as possible (RFC 5229 §3.2 example), {@code \} escapes.
     */
    Pattern glob(String key) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                literal.append(key.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? "(.*?)" : "(.)");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (comparator == Comparator.OCTET ? 0 : Pattern.CASE_INSENSITIVE);
        return Pattern.compile(re.toString(), flags);
    }
}
