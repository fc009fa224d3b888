package dev.hermod.sieve.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the {@code spamtest} and {@code virustest} tests (RFC 5235) read their score: a header field set by a
 * scanner run earlier (e.g. SpamAssassin's {@code X-Spam-Score}), the value optionally taken from a regular
 * expression's first group.
 *
 * @param header   the header field name
 * @param pattern  a regular expression whose first group is the value, or {@code null} for the whole value
 * @param strlen   whether the value is a count of characters (e.g. {@code X-Spam-Level: *****}) rather than a
 *                 decimal number
 * @param maxValue the score at which the result is the highest, greater than 0
 */
public record ScoreHeader(String header, Pattern pattern, boolean strlen, double maxValue) {

    /**
     * @param header the header field name
     * @param pattern a regular expression whose first group is the value, or {@code null}
     * @param strlen whether the value is a count of characters
     * @param maxValue the score at which the result is the highest, greater than 0
     * @throws IllegalArgumentException if {@code maxValue} is not positive
     */
    public ScoreHeader {
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("the maximum score must be greater than 0: " + maxValue);
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("^\\s*(-?[0-9]+(\\.[0-9]+)?)");

    /**
     * The test's value: {@code "0"} when the message was not scanned (no field, or no match), else 1 to 10
     * for spamtest, 1 to 5 for virustest, or 0 to 100 for {@code :percent} (RFC 5235 §3.2, §3.3, §3.4); the
     * ratio score/maximum is clamped to 0..1 and scaled as Dovecot Pigeonhole does.
     *
     * @param value   the first field's value, or {@code null} if absent
     * @param levels  10 for spamtest, 5 for virustest
     * @param percent whether {@code :percent} was given
     * @return the value as a decimal string
     */
    String score(String value, int levels, boolean percent) {
        if (value == null) {
            return "0";
        }
        String status = value;
        if (pattern != null) {
            Matcher m = pattern.matcher(value);
            if (!m.find() || m.groupCount() < 1 || m.group(1) == null) {
                return "0";
            }
            status = m.group(1);
        }
        double score;
        if (strlen) {
            score = status.strip().length();
        } else {
            Matcher d = DECIMAL.matcher(status);
            if (!d.find()) {
                return "0";
            }
            score = Double.parseDouble(d.group(1));
        }
        double ratio = Math.max(0, Math.min(1, score / maxValue));
        int result = percent ? (int) (ratio * 100 + 0.001) : (int) (ratio * (levels - 1) + 1.001);
        return Integer.toString(result);
    }
}
