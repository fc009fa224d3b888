package dev.hermod.core.internal.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the queue's durations: a number and a unit ({@code 30s}, {@code 5m}, {@code 4h}, {@code 5d}), or ISO-8601. */
final class Durations {

    private Durations() {
    }

    /**
     * @param text e.g. {@code 15m}; a bare number is seconds
     * @param key  the configuration key, for the error message
     * @return the duration, positive
     * @throws IllegalArgumentException if the text is not a positive duration
     */
    static Duration parse(String text, String key) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), text, key);
            }
            char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            String number = Character.isDigit(unit) ? t : t.substring(0, Math.max(0, t.length() - 1)).trim();
            long n = Long.parseLong(number);
            Duration d = switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Character.isDigit(unit) ? Duration.ofSeconds(n) : null;
            };
            if (d != null) {
                return positive(d, text, key);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("queue: " + key + " = '" + text + "' is not a duration; write e.g."
                + " 30s, 5m, 4h or 5d");
    }

    /**
     * @param text comma-separated durations, e.g. {@code 1m,5m,15m}
     * @param key  the configuration key, for the error message
     * @return the durations in order, at least one
     * @throws IllegalArgumentException if one is not a duration, or there is none
     */
    static List<Duration> parseList(String text, String key) {
        List<Duration> list = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (!part.isBlank()) {
                list.add(parse(part, key));
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("queue: " + key + " is empty; write e.g. 1m,5m,15m,30m,1h,2h,4h");
        }
        return List.copyOf(list);
    }

    private static Duration positive(Duration d, String text, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("queue: " + key + " = '" + text + "' must be positive");
        }
        return d;
    }
}
