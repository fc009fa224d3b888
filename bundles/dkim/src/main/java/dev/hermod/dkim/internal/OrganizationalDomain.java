package dev.hermod.dkim.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The organizational domain of RFC 7489 §3.2, by a fixed rule instead of the Public Suffix List: the last two
 * labels ({@code mail.example.com} → {@code example.com}), or the last three when the top-level label is a
 * two-letter country code and the second-level label is a generic registry label of two letters or one of
 * {@code co com net org gov edu ac} ({@code www.example.co.uk} → {@code example.co.uk},
 * {@code a.b.example.com.au} → {@code example.com.au}).
 *
 * <p><b>Limitation:</b> suffixes the rule does not know are taken as organizations: all the domains under
 * {@code github.io} or {@code blogspot.com} share one organizational domain, so relaxed alignment between them
 * passes; and a real two-letter second-level name under a ccTLD ({@code www.ab.de}) is taken as a registry
 * suffix. Strict alignment ({@code adkim=s}, {@code aspf=s}) is unaffected.
 */
final class OrganizationalDomain {

    private static final Set<String> REGISTRY_LABELS = Set.of("co", "com", "net", "org", "gov", "edu", "ac");

    private OrganizationalDomain() {
    }

    /**
     * @param domain a domain name, any case, with or without the final dot
     * @return its organizational domain in lower case, without the final dot; the domain itself when it has too
     *         few labels
     */
    static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        String tld = labels[labels.length - 1];
        String second = labels[labels.length - 2];
        boolean ccTld = tld.length() == 2 && tld.chars().allMatch(Character::isLetter);
        int keep = ccTld && (second.length() <= 2 || REGISTRY_LABELS.contains(second)) ? 3 : 2;
        if (labels.length <= keep) {
            return d;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    /**
     * Identifier alignment (RFC 7489 §3.1).
     *
     * @param a      one domain
     * @param b      the other
     * @param strict {@code true} for strict mode (equal names), {@code false} for relaxed (same organizational
     *               domain)
     * @return whether they are aligned
     */
    static boolean aligned(String a, String b, boolean strict) {
        if (a == null || b == null) {
            return false;
        }
        String x = strip(a);
        String y = strip(b);
        return strict ? x.equals(y) : of(x).equals(of(y));
    }

    private static String strip(String d) {
        String l = d.toLowerCase(Locale.ROOT);
        return l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
    }
}
