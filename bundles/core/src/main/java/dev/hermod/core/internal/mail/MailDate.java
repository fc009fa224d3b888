package dev.hermod.core.internal.mail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A lenient reader of RFC 5322 §3.3 dates, obsolete forms included; {@code null} for anything else. */
final class MailDate {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("ut", 0), Map.entry("utc", 0),
            Map.entry("gmt", 0), Map.entry("z", 0), Map.entry("est", -500), Map.entry("edt", -400),
            Map.entry("cst", -600), Map.entry("cdt", -500), Map.entry("mst", -700), Map.entry("mdt", -600),
            Map.entry("pst", -800), Map.entry("pdt", -700));

    private MailDate() {
    }

    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            String s = value.replaceAll("\\([^()]*\\)", " ").replace(',', ' ').strip().toLowerCase(Locale.ROOT);
            String[] t = s.split("\\s+");
            int i = 0;
            if (t.length > 0 && !t[0].isEmpty() && Character.isLetter(t[0].charAt(0))) {
                i++; // day of week
            }
            if (t.length - i < 4) {
                return null;
            }
            int day = Integer.parseInt(t[i]);
            int month = MONTHS.indexOf(t[i + 1].length() >= 3 ? t[i + 1].substring(0, 3) : t[i + 1]) + 1;
            int year = Integer.parseInt(t[i + 2]);
            if (t[i + 2].length() <= 2) {
                year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
            } else if (t[i + 2].length() == 3) {
                year += 1900;
            }
            String[] time = t[i + 3].split(":");
            int hour = Integer.parseInt(time[0]);
            int minute = Integer.parseInt(time[1]);
            int second = time.length > 2 ? Integer.parseInt(time[2]) : 0;
            int zone = t.length > i + 4 ? zone(t[i + 4]) : 0;
            if (month < 1 || second > 60) {
                return null;
            }
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(zone / 100, zone % 100);
            return LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59)).toInstant(offset);
        } catch (RuntimeException e) { // NumberFormat, DateTime, ArrayIndex: not a date we can read
            return null;
        }
    }

    private static int zone(String z) {
        if (z.length() == 5 && (z.charAt(0) == '+' || z.charAt(0) == '-')) {
            int hhmm = Integer.parseInt(z.substring(1));
            if (hhmm % 100 > 59 || hhmm > 1800) {
                throw new DateTimeException("bad zone " + z);
            }
            return z.charAt(0) == '-' ? -hhmm : hhmm;
        }
        return ZONES.getOrDefault(z, 0);
    }
}
