package dev.hermod.dkim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SPF record (RFC 7208 §4.6, §12): its directives in order and the {@code redirect} modifier.
 * {@code exp} is recognized and ignored (no explanation is fetched). Unknown modifiers are ignored (§6);
 * anything else that is not a term is a syntax error, which the checker reports as {@code permerror}.
 *
 * @param directives the mechanisms with their qualifiers, in order
 * @param redirect   the {@code redirect} domain-spec (macros not expanded), or {@code null}
 */
record SpfRecord(List<Directive> directives, String redirect) {

    /** The mechanisms of §5. */
    enum Mechanism { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    /**
     * One directive.
     *
     * @param qualifier  {@code +}, {@code -}, {@code ~} or {@code ?}
     * @param mechanism  the mechanism
     * @param domainSpec its domain-spec (macros not expanded), or {@code null} for the current domain or none
     * @param cidr4      the IPv4 prefix length ({@code a}, {@code mx}, {@code ip4}), 32 by default
     * @param cidr6      the IPv6 prefix length ({@code a}, {@code mx}, {@code ip6}), 128 by default
     */
    record Directive(char qualifier, Mechanism mechanism, String domainSpec, int cidr4, int cidr6) {
        SpfResult result() {
            return switch (qualifier) {
                case '-' -> SpfResult.FAIL;
                case '~' -> SpfResult.SOFTFAIL;
                case '?' -> SpfResult.NEUTRAL;
                default -> SpfResult.PASS;
            };
        }
    }

    /** A record that does not parse. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    // dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]; lengths without leading zeros (§5.6)
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/(0|[1-9][0-9]?))?(?://(0|[1-9][0-9]{0,2}))?$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    /**
     * Whether a TXT string is an SPF record: {@code v=spf1} exactly, case-insensitively, followed by a space or
     * nothing (§4.5).
     *
     * @param txt the record's text
     * @return {@code true} for an SPF version 1 record
     */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /**
     * Parses a record that {@link #isSpf} accepted.
     *
     * @param txt the record's text
     * @return the record
     * @throws SyntaxException if a term is malformed, a mechanism unknown or a modifier repeated
     */
    static SpfRecord parse(String txt) throws SyntaxException {
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        boolean exp = false;
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            int eq = term.indexOf('=');
            int colon = term.indexOf(':');
            int slash = term.indexOf('/');
            boolean modifier = eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash)
                    && NAME.matcher(term.substring(0, eq)).matches();
            if (modifier) {
                String name = term.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = term.substring(eq + 1);
                if (name.equals("redirect")) {
                    if (redirect != null) {
                        throw new SyntaxException("more than one redirect modifier (RFC 7208 §6)");
                    }
                    redirect = checkMacroString(value, term);
                    if (redirect.isEmpty()) {
                        throw new SyntaxException("empty redirect domain");
                    }
                } else if (name.equals("exp")) {
                    if (exp) {
                        throw new SyntaxException("more than one exp modifier (RFC 7208 §6)");
                    }
                    exp = true;
                } else {
                    checkMacroString(value, term); // unknown modifiers are ignored, but must be well formed
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(List.copyOf(directives), redirect);
    }

    private static Directive directive(String term) throws SyntaxException {
        char qualifier = '+';
        String t = term;
        if ("+-~?".indexOf(t.charAt(0)) >= 0) {
            qualifier = t.charAt(0);
            t = t.substring(1);
        }
        int end = 0;
        while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
            end++;
        }
        String name = t.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = t.substring(end);
        Mechanism mechanism;
        try {
            mechanism = Mechanism.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SyntaxException("unknown mechanism '" + term + "'");
        }
        switch (mechanism) {
            case ALL -> {
                if (!rest.isEmpty()) {
                    throw new SyntaxException("'all' takes no argument: " + term);
                }
                return new Directive(qualifier, mechanism, null, 32, 128);
            }
            case INCLUDE, EXISTS -> {
                if (!rest.startsWith(":") || rest.length() == 1) {
                    throw new SyntaxException(name + " needs a domain: " + term);
                }
                return new Directive(qualifier, mechanism, checkMacroString(rest.substring(1), term), 32, 128);
            }
            case PTR -> {
                String spec = null;
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":") || rest.length() == 1) {
                        throw new SyntaxException("bad ptr mechanism: " + term);
                    }
                    spec = checkMacroString(rest.substring(1), term);
                }
                return new Directive(qualifier, mechanism, spec, 32, 128);
            }
            case A, MX -> {
                Matcher m = DUAL_CIDR.matcher(rest);
                if (!m.find()) {
                    throw new SyntaxException("bad CIDR length in " + term);
                }
                String head = rest.substring(0, m.start());
                String spec = null;
                if (!head.isEmpty()) {
                    if (!head.startsWith(":") || head.length() == 1) {
                        throw new SyntaxException("bad " + name + " mechanism: " + term);
                    }
                    spec = checkMacroString(head.substring(1), term);
                }
                int c4 = m.group(1) == null ? 32 : Integer.parseInt(m.group(1));
                int c6 = m.group(2) == null ? 128 : Integer.parseInt(m.group(2));
                if (c4 > 32 || c6 > 128) {
                    throw new SyntaxException("CIDR length too long in " + term);
                }
                return new Directive(qualifier, mechanism, spec, c4, c6);
            }
            case IP4, IP6 -> {
                if (!rest.startsWith(":")) {
                    throw new SyntaxException(name + " needs an address: " + term);
                }
                String net = rest.substring(1);
                int max = mechanism == Mechanism.IP4 ? 32 : 128;
                int length = max;
                int s = net.indexOf('/');
                if (s >= 0) {
                    String len = net.substring(s + 1);
                    if (!len.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(len) > max) {
                        throw new SyntaxException("bad prefix length in " + term);
                    }
                    length = Integer.parseInt(len);
                    net = net.substring(0, s);
                }
                boolean ok = mechanism == Mechanism.IP4 ? Cidr.isIpv4Literal(net) : Cidr.isIpv6Literal(net);
                if (!ok) {
                    throw new SyntaxException("bad address in " + term);
                }
                return new Directive(qualifier, mechanism, net,
                        mechanism == Mechanism.IP4 ? length : 32, mechanism == Mechanism.IP6 ? length : 128);
            }
            default -> throw new SyntaxException("unknown mechanism '" + term + "'");
        }
    }

    // macro-string = *( macro-expand / macro-literal ), checked so that a broken record is a permerror (§7.1)
    private static String checkMacroString(String s, String term) throws SyntaxException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new SyntaxException("bad character in " + term);
            }
            if (c == '%') {
                if (i + 1 >= s.length()) {
                    throw new SyntaxException("lone % in " + term);
                }
                char n = s.charAt(i + 1);
                if (n == '%' || n == '_' || n == '-') {
                    i++;
                } else if (n == '{') {
                    int close = s.indexOf('}', i);
                    if (close < 0 || !SpfMacros.isMacroBody(s.substring(i + 2, close))) {
                        throw new SyntaxException("bad macro in " + term);
                    }
                    i = close;
                } else {
                    throw new SyntaxException("bad % escape in " + term);
                }
            }
        }
        return s;
    }
}
