package dev.hermod.dkim.internal;

import java.util.Locale;
import java.util.Map;

/**
 * A DMARC policy record (RFC 7489 §6.3): the tags that change how mail is judged. Reporting tags
 * ({@code rua ruf fo rf ri}) are read only for the fallback of §6.6.3 — no reports are sent.
 *
 * @param policy          {@code p=}
 * @param subdomainPolicy {@code sp=}, defaulting to {@code p=}
 * @param strictDkim      {@code adkim=s}
 * @param strictSpf       {@code aspf=s}
 * @param percent         {@code pct=}, 0 to 100
 */
record DmarcRecord(Policy policy, Policy subdomainPolicy, boolean strictDkim, boolean strictSpf, int percent) {

    /** What the domain asks receivers to do with failing mail. */
    enum Policy {
        NONE, QUARANTINE, REJECT;

        String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Policy of(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }
    }

    /**
     * Whether a TXT string is a DMARC record: it starts with {@code v=DMARC1} (§6.6.3: other records at
     * {@code _dmarc} are ignored).
     */
    static boolean isDmarc(String txt) {
        return txt.strip().matches("(?s)v[ \t]*=[ \t]*DMARC1[ \t]*(;.*)?");
    }

    /**
     * Parses a record.
     *
     * @param txt the record's text
     * @return the policy to apply, or {@code null} when the record is unusable and no DMARC processing applies
     */
    static DmarcRecord parse(String txt) {
        Map<String, String> tags;
        try {
            tags = TagList.parse(txt);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (tags.isEmpty() || !"DMARC1".equals(tags.get("v")) || !tags.keySet().iterator().next().equals("v")) {
            return null;
        }
        Policy p = tags.containsKey("p") ? Policy.of(tags.get("p")) : null;
        Policy sp = tags.containsKey("sp") ? Policy.of(tags.get("sp")) : p;
        if (p == null || sp == null) {
            // §6.6.3: an invalid p or sp acts as p=none when rua names a valid URI, else no DMARC processing
            if (!hasReportUri(tags.get("rua"))) {
                return null;
            }
            p = Policy.NONE;
            sp = Policy.NONE;
        }
        int pct = 100;
        if (tags.containsKey("pct")) {
            try {
                pct = Integer.parseInt(tags.get("pct"));
            } catch (NumberFormatException e) {
                pct = 100; // §6.3: a malformed optional tag is ignored
            }
            pct = Math.max(0, Math.min(100, pct));
        }
        boolean sDkim = "s".equalsIgnoreCase(tags.get("adkim"));
        boolean sSpf = "s".equalsIgnoreCase(tags.get("aspf"));
        return new DmarcRecord(p, sp, sDkim, sSpf, pct);
    }

    private static boolean hasReportUri(String rua) {
        if (rua == null) {
            return false;
        }
        for (String uri : rua.split(",")) {
            String u = uri.strip();
            int colon = u.indexOf(':');
            if (colon > 0 && u.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") && colon + 1 < u.length()) {
                return true;
            }
        }
        return false;
    }
}
