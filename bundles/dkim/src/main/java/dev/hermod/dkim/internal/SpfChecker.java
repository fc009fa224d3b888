package dev.hermod.dkim.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SPF {@code check_host()} function (RFC 7208 §4) over {@link DnsLookup}.
 *
 * <p>Limits (§4.6.4), counted over the whole check including nested {@code include} and {@code redirect}:
 * at most 10 mechanisms and modifiers that query DNS ({@code include a mx ptr exists redirect}), at most 10
 * MX names per {@code mx} and 10 PTR names per {@code ptr}, and at most 2 "void lookups" (NXDOMAIN or no
 * records) — each exceeded limit is a {@code permerror}. {@code exp} is not evaluated.
 */
final class SpfChecker {

    static final int MAX_DNS_MECHANISMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    private static final int MAX_NAMES = 10;

    /**
     * One check's outcome.
     *
     * @param result  the result
     * @param domain  the domain checked (the MAIL FROM domain or the HELO name)
     * @param reason  a short human-readable explanation for the header comment, or {@code null}
     */
    record Outcome(SpfResult result, String domain, String reason) {
    }

    private final DnsLookup dns;

    SpfChecker(DnsLookup dns) {
        this.dns = dns;
    }

    /**
     * Checks a client for a sender.
     *
     * @param ip     the client's address
     * @param sender the MAIL FROM address, or {@code postmaster@helo} when the reverse path is null (§2.4)
     * @param helo   the HELO name, or {@code null}
     * @return the result for the domain of {@code sender}
     */
    Outcome check(InetAddress ip, String sender, String helo) {
        String s = sender.lastIndexOf('@') < 0 ? "postmaster@" + sender : sender;
        if (s.startsWith("@")) {
            s = "postmaster" + s; // §4.3: an empty local-part becomes "postmaster"
        }
        String domain = s.substring(s.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        State state = new State(Cidr.unmap(ip), s, helo);
        try {
            SpfResult r = checkHost(state, domain, 0);
            return new Outcome(r, domain, state.reason);
        } catch (Abort e) {
            return new Outcome(e.result, domain, e.getMessage());
        }
    }

    /** Ends the whole check with a temperror or permerror. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final SpfResult result;

        Abort(SpfResult result, String message) {
            super(message, null, false, false);
            this.result = result;
        }
    }

    private static final class State {
        final InetAddress ip;
        final String sender;
        final String helo;
        int dnsMechanisms;
        int voidLookups;
        String reason;

        State(InetAddress ip, String sender, String helo) {
            this.ip = ip;
            this.sender = sender;
            this.helo = helo;
        }

        void countDnsMechanism() throws Abort {
            if (++dnsMechanisms > MAX_DNS_MECHANISMS) {
                throw new Abort(SpfResult.PERMERROR, "more than " + MAX_DNS_MECHANISMS
                        + " DNS-querying mechanisms (RFC 7208 §4.6.4)");
            }
        }

        /** Counts a void answer, and turns an error into a temperror. */
        <T> DnsLookup.Answer<T> checked(DnsLookup.Answer<T> answer, String what) throws Abort {
            if (answer.status() == DnsLookup.Status.ERROR) {
                throw new Abort(SpfResult.TEMPERROR, "DNS error looking up " + what);
            }
            if (answer.isVoid() && ++voidLookups > MAX_VOID_LOOKUPS) {
                throw new Abort(SpfResult.PERMERROR, "more than " + MAX_VOID_LOOKUPS
                        + " void DNS lookups (RFC 7208 §4.6.4)");
            }
            return answer;
        }
    }

    private SpfResult checkHost(State state, String domain, int depth) throws Abort {
        if (!isDomainName(domain)) {
            state.reason = "no valid domain";
            return SpfResult.NONE; // §4.3
        }
        DnsLookup.Answer<String> txt = dns.txt(domain);
        if (txt.status() == DnsLookup.Status.ERROR) {
            throw new Abort(SpfResult.TEMPERROR, "DNS error looking up the SPF record of " + domain);
        }
        List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            state.reason = "no SPF record for " + domain;
            return SpfResult.NONE; // §4.5
        }
        if (spf.size() > 1) {
            throw new Abort(SpfResult.PERMERROR, "more than one SPF record for " + domain + " (RFC 7208 §4.5)");
        }
        SpfRecord record;
        try {
            record = SpfRecord.parse(spf.get(0));
        } catch (SpfRecord.SyntaxException e) {
            throw new Abort(SpfResult.PERMERROR, e.getMessage() + " in the SPF record of " + domain);
        }
        SpfMacros.Context ctx = new SpfMacros.Context(state.sender, domain, state.ip, state.helo);
        for (SpfRecord.Directive d : record.directives()) {
            if (matches(state, d, ctx, depth)) {
                state.reason = null;
                return d.result();
            }
        }
        if (record.redirect() != null) {
            // §6.1: redirect applies only when no mechanism matched (an "all" always matches).
            state.countDnsMechanism();
            String target = expand(record.redirect(), ctx, domain);
            SpfResult r = checkHost(state, target, depth + 1);
            if (r == SpfResult.NONE) {
                throw new Abort(SpfResult.PERMERROR, "redirect to " + target + ", which has no SPF record");
            }
            return r;
        }
        return SpfResult.NEUTRAL; // §4.7
    }

    private boolean matches(State state, SpfRecord.Directive d, SpfMacros.Context ctx, int depth) throws Abort {
        InetAddress ip = state.ip;
        String target = d.domainSpec() == null ? ctx.domain() : null;
        switch (d.mechanism()) {
            case ALL:
                return true;
            case IP4:
            case IP6: {
                byte[] net = Cidr.literal(d.domainSpec());
                int len = d.mechanism() == SpfRecord.Mechanism.IP4 ? d.cidr4() : d.cidr6();
                return Cidr.matches(net, ip.getAddress(), len);
            }
            case INCLUDE: {
                state.countDnsMechanism();
                target = expand(d.domainSpec(), ctx, ctx.domain());
                if (depth > 20) {
                    throw new Abort(SpfResult.PERMERROR, "include loop at " + target);
                }
                SpfResult r = checkHost(state, target, depth + 1);
                // §5.2: include's result table
                return switch (r) {
                    case PASS -> true;
                    case FAIL, SOFTFAIL, NEUTRAL -> false;
                    case TEMPERROR -> throw new Abort(SpfResult.TEMPERROR, "DNS error in include:" + target);
                    default -> throw new Abort(SpfResult.PERMERROR, "include:" + target + " gave " + r.keyword());
                };
            }
            case A: {
                state.countDnsMechanism();
                String name = target != null ? target : expand(d.domainSpec(), ctx, ctx.domain());
                return anyAddressMatches(state, name, d);
            }
            case MX: {
                state.countDnsMechanism();
                String name = target != null ? target : expand(d.domainSpec(), ctx, ctx.domain());
                DnsLookup.Answer<String> mx = state.checked(dns.mx(name), "MX " + name);
                if (mx.records().size() > MAX_NAMES) {
                    throw new Abort(SpfResult.PERMERROR, "more than " + MAX_NAMES + " MX records for " + name
                            + " (RFC 7208 §4.6.4)");
                }
                for (String host : mx.records()) {
                    if (anyAddressMatches(state, host, d)) {
                        return true;
                    }
                }
                return false;
            }
            case PTR: {
                state.countDnsMechanism();
                String name = target != null ? target : expand(d.domainSpec(), ctx, ctx.domain());
                return ptrMatches(state, name);
            }
            case EXISTS: {
                state.countDnsMechanism();
                String name = expand(d.domainSpec(), ctx, ctx.domain());
                // §5.7: always an A query, whatever the client's address family
                return state.checked(dns.a(name), "A " + name).found();
            }
            default:
                return false;
        }
    }

    private boolean anyAddressMatches(State state, String name, SpfRecord.Directive d) throws Abort {
        if (!isDomainName(name)) {
            return false;
        }
        InetAddress ip = state.ip;
        DnsLookup.Answer<InetAddress> addresses = state.checked(dns.addresses(name, ip), "address of " + name);
        int len = ip.getAddress().length == 4 ? d.cidr4() : d.cidr6();
        for (InetAddress a : addresses.records()) {
            if (Cidr.matches(a.getAddress(), ip.getAddress(), len)) {
                return true;
            }
        }
        return false;
    }

    /** §5.5: a validated reverse name of the client that is {@code target} or below it. */
    private boolean ptrMatches(State state, String target) throws Abort {
        DnsLookup.Answer<String> names = dns.ptr(state.ip);
        if (names.status() == DnsLookup.Status.ERROR) {
            return false; // §5.5: a DNS error on the PTR query makes the mechanism not match
        }
        state.checked(names, "PTR");
        List<String> validated = new ArrayList<>();
        for (String name : names.records().subList(0, Math.min(MAX_NAMES, names.records().size()))) {
            DnsLookup.Answer<InetAddress> back = dns.addresses(name, state.ip);
            if (back.records().stream().anyMatch(a -> a.equals(state.ip))) {
                validated.add(name);
            }
        }
        String t = target.toLowerCase(Locale.ROOT);
        return validated.stream().anyMatch(n -> n.equals(t) || n.endsWith("." + t));
    }

    private static String expand(String spec, SpfMacros.Context ctx, String domain) throws Abort {
        try {
            String s = SpfMacros.expand(spec, ctx);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        } catch (SpfRecord.SyntaxException e) {
            throw new Abort(SpfResult.PERMERROR, e.getMessage() + " in the SPF record of " + domain);
        }
    }

    /** §4.3: at least two labels, none empty or longer than 63 octets. */
    static boolean isDomainName(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }
}
