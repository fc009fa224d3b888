package dev.hermod.message.internal;

import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.text.ParsePosition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;

/**
 * Date fields, leniently: comments and day names dropped and two- or three-digit years expanded by RFC
 * 5322 §4.3 (mime4j's own expansion differs), then mime4j's RFC 5322 grammar (named and military zones),
 * then mime4j's lenient formatter (missing seconds, fractions), then ISO 8601 as some generators write it. A zone the grammar cannot place counts
 * as {@code -0000}, i.e. UTC (RFC 5322 §4.3).
 */
final class Dates {

    private static final Pattern SHORT_YEAR = Pattern.compile("^(\\d{1,2} [A-Za-z]{3,9} )(\\d{2,3})(?= )");

    private Dates() {
    }

    static OffsetDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.isEmpty() || s.length() > 200) {
            return null;
        }
        String c = cleaned(s);
        OffsetDateTime d = grammar(c);
        if (d == null) {
            d = formatter(c);
        }
        if (d == null) {
            d = iso(s);
        }
        return d;
    }

    private static OffsetDateTime grammar(String s) {
        try {
            DateTime dt = new DateTimeParser(new StringReader(s)).parseAll();
            int tz = dt.getTimeZone();
            ZoneOffset offset = tz == Integer.MIN_VALUE ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(tz / 100, tz % 100);
            return OffsetDateTime.of(dt.getYear(), dt.getMonth(), dt.getDay(), dt.getHour(), dt.getMinute(),
                    dt.getSecond(), 0, offset);
        } catch (Exception | Error e) {
            return null;
        }
    }

    private static OffsetDateTime formatter(String s) {
        try {
            TemporalAccessor t = DateTimeFieldLenientImpl.RFC_5322.parse(s, new ParsePosition(0));
            int offset = t.isSupported(ChronoField.OFFSET_SECONDS) ? t.get(ChronoField.OFFSET_SECONDS) : 0;
            LocalDateTime local = LocalDateTime.of(t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR),
                    t.get(ChronoField.DAY_OF_MONTH), t.get(ChronoField.HOUR_OF_DAY),
                    t.get(ChronoField.MINUTE_OF_HOUR),
                    t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0);
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offset));
        } catch (Exception e) {
            return null;
        }
    }

    private static OffsetDateTime iso(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).withNano(0);
        } catch (Exception e) {
            return null;
        }
    }

    /** Drops comments, a day name without its comma, and doubled white space. */
    private static String cleaned(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        String t = sb.toString().replaceAll(" +", " ").strip();
        t = t.replaceFirst("^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? ", "");
        Matcher m = SHORT_YEAR.matcher(t);
        if (m.find()) {
            int y = Integer.parseInt(m.group(2));
            // RFC 5322 §4.3: two digits 00-49 are 20xx, 50-99 and three digits are 19xx
            int year = m.group(2).length() == 3 || y >= 50 ? 1900 + y : 2000 + y;
            t = m.group(1) + year + t.substring(m.end(2));
        }
        return t;
    }
}
