package dev.hermod.imap.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * IMAP's date-time (INTERNALDATE, APPEND) and date (SEARCH) forms, RFC 9051 §9. Internal dates are shown
 * in UTC, and SEARCH's BEFORE, ON and SINCE count days in UTC too.
 */
final class ImapDates {

    static final ZoneOffset ZONE = ZoneOffset.UTC;

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy HH:mm:ss Z").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ImapDates() {
    }

    /** {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, day space-padded or not. */
    static Instant parseDateTime(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ImapException.bad("Invalid date-time " + Arguments.printable(text));
        }
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw ImapException.bad("Invalid date " + Arguments.printable(text));
        }
    }

    /** The INTERNALDATE form, quoted. */
    static String format(Instant instant) {
        String s = OUT.format(instant.atZone(ZONE));
        return "\"" + (s.charAt(0) == '0' ? " " + s.substring(1) : s) + "\"";
    }
}
