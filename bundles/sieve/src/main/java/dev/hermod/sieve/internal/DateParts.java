package dev.hermod.sieve.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Date parsing and the date parts of the "date" extension (RFC 5260 §4.2). */
final class DateParts {

    private static final DateTimeFormatter STD11 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private DateParts() {
    }

    /**
     * Parses an RFC 5322 §3.3 date-time, comments dropped, obsolete zone names tolerated.
     *
     * @return the date-time in its own zone, or {@code null} if the text is no date
     */
    static ZonedDateTime parse(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
        v = v.replaceFirst(" (UT|Z)$", " GMT").replaceFirst(" EDT$", " -0400").replaceFirst(" EST$", " -0500")
                .replaceFirst(" CDT$", " -0500").replaceFirst(" CST$", " -0600").replaceFirst(" MDT$", " -0600")
                .replaceFirst(" MST$", " -0700").replaceFirst(" PDT$", " -0700").replaceFirst(" PST$", " -0800");
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return the zone offset of {@code +hhmm} or {@code -hhmm} */
    static ZoneOffset zone(String zone) {
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        int h = Integer.parseInt(zone.substring(1, 3));
        int m = Integer.parseInt(zone.substring(3, 5));
        return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    }

    /**
     * @param d    the date-time, in the zone the test asks for
     * @param part a date part name, lower case
     * @return the part's value as RFC 5260 §4.2 formats it
     */
    static String part(ZonedDateTime d, String part) {
        return switch (part) {
            case "year" -> String.format("%04d", d.getYear());
            case "month" -> String.format("%02d", d.getMonthValue());
            case "day" -> String.format("%02d", d.getDayOfMonth());
            case "date" -> String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            case "julian" -> Long.toString(d.toLocalDate().toEpochDay() + 40587); // Modified Julian Day
            case "hour" -> String.format("%02d", d.getHour());
            case "minute" -> String.format("%02d", d.getMinute());
            case "second" -> String.format("%02d", d.getSecond());
            case "time" -> String.format("%02d:%02d:%02d", d.getHour(), d.getMinute(), d.getSecond());
            case "iso8601" -> d.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("Z", "+00:00");
            case "std11" -> d.format(STD11);
            case "zone" -> offset(d.getOffset());
            default -> Integer.toString(d.getDayOfWeek().getValue() % 7); // weekday, 0 = Sunday
        };
    }

    private static String offset(ZoneOffset o) {
        int s = o.getTotalSeconds();
        int abs = Math.abs(s) / 60;
        return String.format("%s%02d%02d", s < 0 ? "-" : "+", abs / 60, abs % 60);
    }
}
