package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Finds the hosts of a domain's mail exchangers (RFC 5321 §5.1): its MX records ordered by preference, those of
 * equal preference in random order; without MX records the domain itself (the "implicit MX"). Each host's
 * addresses are looked up (A, then AAAA) and become one {@link Destination} each, in that order.
 *
 * <ul>
 *   <li>A null MX (RFC 7505: one MX record whose exchange is the root {@code .}) → {@code 556 5.1.10}, permanent;
 *       a {@code .} among other MX records is ignored.</li>
 *   <li>The domain does not exist (NXDOMAIN), or has neither MX nor address records → {@code 550 5.1.2},
 *       permanent.</li>
 *   <li>A DNS failure (time-out, SERVFAIL) for the MX query, or for every exchanger's addresses → {@code 451
 *       4.4.3}, temporary; MX hosts without addresses, none of them a DNS failure → {@code 451 4.4.4}.</li>
 *   <li>An address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}) is used as it is, without DNS.</li>
 * </ul>
 */
final class MxResolver {

    private final DnsClient dns;
    private final Random random;

    /**
     * @param dns    the DNS client
     * @param random orders MX hosts of equal preference
     */
    MxResolver(DnsClient dns, Random random) {
        this.dns = dns;
        this.random = random;
    }

    /**
     * Resolves a domain's mail hosts.
     *
     * @param domain the recipient domain, lower case
     * @param port   the port to connect to on every host
     * @return the hosts with {@link SessionPolicy#OPPORTUNISTIC}, or a failure; never {@code null}
     */
    Route resolve(String domain, int port) {
        if (domain.startsWith("[")) {
            return literal(domain, port);
        }
        DnsClient.Answer mx = dns.mx(domain);
        switch (mx.status()) {
            case NX_DOMAIN:
                return Route.failed(new SmtpReply(550, "5.1.2", "Domain " + domain + " does not exist (NXDOMAIN)"));
            case ERROR:
                return Route.failed(new SmtpReply(451, "4.4.3", "DNS lookup of the MX records of " + domain
                        + " failed; will retry"));
            case NO_DATA:
                return implicitMx(domain, port);
            default:
                break;
        }
        List<MXRecord> records = mx.records().stream().map(r -> (MXRecord) r).toList();
        if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
            return Route.failed(new SmtpReply(556, "5.1.10", "Domain " + domain
                    + " does not accept mail (null MX, RFC 7505)"));
        }
        List<Destination> hosts = new ArrayList<>();
        boolean dnsError = false;
        for (String host : ordered(records)) {
            DnsClient.AddressAnswer addresses = dns.addresses(host);
            dnsError |= addresses.status() == DnsClient.Status.ERROR;
            for (InetAddress a : addresses.addresses()) {
                hosts.add(new Destination(host, a, port));
            }
        }
        if (!hosts.isEmpty()) {
            return Route.to(hosts, SessionPolicy.OPPORTUNISTIC);
        }
        return Route.failed(dnsError
                ? new SmtpReply(451, "4.4.3", "DNS lookup of the addresses of the MX hosts of " + domain
                        + " failed; will retry")
                : new SmtpReply(451, "4.4.4", "No MX host of " + domain + " has an address record"));
    }

    /** Preference order, random among equals (RFC 5321 §5.1), targets without the final dot; {@code .} dropped. */
    private List<String> ordered(List<MXRecord> records) {
        Map<Integer, List<String>> byPreference = new TreeMap<>();
        for (Record r : records) {
            MXRecord m = (MXRecord) r;
            if (m.getTarget().equals(Name.root)) {
                continue;
            }
            byPreference.computeIfAbsent(m.getPriority(), k -> new ArrayList<>())
                    .add(m.getTarget().toString(true).toLowerCase(Locale.ROOT));
        }
        List<String> hosts = new ArrayList<>();
        for (List<String> group : byPreference.values()) {
            Collections.shuffle(group, random);
            for (String h : group) {
                if (!hosts.contains(h)) {
                    hosts.add(h);
                }
            }
        }
        return hosts;
    }

    /** No MX records: the domain's own addresses, as if it had an MX of preference 0 naming itself (RFC 5321 §5.1). */
    private Route implicitMx(String domain, int port) {
        DnsClient.AddressAnswer addresses = dns.addresses(domain);
        if (addresses.status() == DnsClient.Status.ERROR) {
            return Route.failed(new SmtpReply(451, "4.4.3", "DNS lookup of the addresses of " + domain
                    + " failed; will retry"));
        }
        if (addresses.addresses().isEmpty()) {
            return Route.failed(new SmtpReply(550, "5.1.2", "Domain " + domain
                    + " has no MX, A or AAAA records: it does not receive mail"));
        }
        return Route.to(addresses.addresses().stream().map(a -> new Destination(domain, a, port)).toList(),
                SessionPolicy.OPPORTUNISTIC);
    }

    private static Route literal(String domain, int port) {
        String inner = domain.substring(1, domain.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            inner = inner.substring(5);
        }
        try {
            // Address checks its literals, so this parses and never queries DNS.
            return Route.to(List.of(new Destination(domain, InetAddress.getByName(inner), port)),
                    SessionPolicy.OPPORTUNISTIC);
        } catch (UnknownHostException e) {
            return Route.failed(new SmtpReply(550, "5.1.2", "Bad address literal " + domain));
        }
    }
}
