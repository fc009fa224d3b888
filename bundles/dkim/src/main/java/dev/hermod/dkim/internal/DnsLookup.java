package dev.hermod.dkim.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS queries SPF, DKIM and DMARC make, over dnsjava, without a cache of its own (the resolver's
 * recursive server caches). Every answer says whether the name exists, so callers can tell NXDOMAIN and
 * NODATA ("void lookups", RFC 7208 §4.6.4) from a failure (SERVFAIL, time-out: {@link Status#ERROR}).
 */
final class DnsLookup {

    /** How a query ended. */
    enum Status {
        /** At least one record of the asked type. */
        FOUND,
        /** The name exists without records of the type (NODATA). */
        NO_DATA,
        /** The name does not exist. */
        NX_DOMAIN,
        /** No usable answer: time-out, SERVFAIL, REFUSED, malformed name or reply. */
        ERROR
    }

    /**
     * One query's outcome.
     *
     * @param status  how it ended
     * @param records the records when {@code FOUND}, else empty
     * @param <T>     the value type
     */
    record Answer<T>(Status status, List<T> records) {
        boolean found() {
            return status == Status.FOUND;
        }

        /** NXDOMAIN or NODATA: a "void lookup" in RFC 7208 §4.6.4's terms. */
        boolean isVoid() {
            return status == Status.NO_DATA || status == Status.NX_DOMAIN;
        }

        static <T> Answer<T> of(Status status) {
            return new Answer<>(status, List.of());
        }
    }

    private final Resolver resolver;

    /**
     * @param servers {@code host[:port]} entries ({@code [v6]:port} for IPv6 with a port); empty to use the
     *                system's resolvers (as dnsjava reads them from {@code /etc/resolv.conf} and the JDK)
     * @param timeout how long one query may take, over all servers and retries
     * @throws IllegalArgumentException if an entry is not a host and port
     */
    DnsLookup(List<String> servers, Duration timeout) {
        ExtendedResolver r;
        if (servers.isEmpty()) {
            r = new ExtendedResolver();
        } else {
            List<Resolver> list = new ArrayList<>();
            for (String server : servers) {
                list.add(new SimpleResolver(socketAddress(server)));
            }
            r = new ExtendedResolver(list);
        }
        r.setTimeout(timeout);
        r.setRetries(1);
        this.resolver = r;
    }

    /** @return the TXT records of a name, each one record's strings concatenated (RFC 7208 §3.3, RFC 6376 §3.6.2.2) */
    Answer<String> txt(String name) {
        return query(name, Type.TXT, r -> {
            StringBuilder s = new StringBuilder();
            for (byte[] part : ((TXTRecord) r).getStringsAsByteArrays()) {
                s.append(new String(part, StandardCharsets.ISO_8859_1));
            }
            return s.toString();
        });
    }

    /** @return the IPv4 addresses of a name */
    Answer<InetAddress> a(String name) {
        return query(name, Type.A, r -> ((ARecord) r).getAddress());
    }

    /** @return the IPv6 addresses of a name */
    Answer<InetAddress> aaaa(String name) {
        return query(name, Type.AAAA, r -> ((AAAARecord) r).getAddress());
    }

    /** @return the addresses of a name in the family of {@code like} (A for IPv4, AAAA for IPv6) */
    Answer<InetAddress> addresses(String name, InetAddress like) {
        return like.getAddress().length == 4 ? a(name) : aaaa(name);
    }

    /** @return the exchange names of a name's MX records, without the final dot, in preference order */
    Answer<String> mx(String name) {
        Answer<Record> raw = query(name, Type.MX, r -> r);
        if (!raw.found()) {
            return Answer.of(raw.status());
        }
        return new Answer<>(Status.FOUND, raw.records().stream()
                .map(r -> (MXRecord) r)
                .sorted((x, y) -> Integer.compare(x.getPriority(), y.getPriority()))
                .map(m -> text(m.getTarget()))
                .toList());
    }

    /** @return the names an address maps back to (PTR records in {@code in-addr.arpa} or {@code ip6.arpa}) */
    Answer<String> ptr(InetAddress address) {
        return query(ReverseMap.fromAddress(address).toString(), Type.PTR, r -> text(((PTRRecord) r).getTarget()));
    }

    private <T> Answer<T> query(String domain, int type, Function<Record, T> value) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return Answer.of(Status.ERROR);
        }
        Message response;
        try {
            Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
            response = resolver.send(query);
        } catch (IOException | RuntimeException e) {
            return Answer.of(Status.ERROR);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return Answer.of(Status.NX_DOMAIN);
        }
        if (rcode != Rcode.NOERROR || response.getHeader().getFlag(Flags.TC)) {
            return Answer.of(Status.ERROR);
        }
        // Follow the CNAME chain inside the answer section (RFC 1034 §3.6.2).
        List<T> values = new ArrayList<>();
        Name wanted = name;
        List<Record> answers = response.getSection(Section.ANSWER);
        for (int hop = 0; hop < 10; hop++) {
            boolean redirected = false;
            for (Record r : answers) {
                if (!r.getName().equals(wanted)) {
                    continue;
                }
                if (r.getType() == type) {
                    values.add(value.apply(r));
                } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
                    wanted = ((CNAMERecord) r).getTarget();
                    redirected = true;
                }
            }
            if (!values.isEmpty() || !redirected) {
                break;
            }
        }
        return values.isEmpty() ? Answer.of(Status.NO_DATA) : new Answer<>(Status.FOUND, List.copyOf(values));
    }

    private static String text(Name name) {
        String s = name.toString(true);
        return s.toLowerCase(Locale.ROOT);
    }

    static InetSocketAddress socketAddress(String server) {
        String s = server.trim();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unterminated [ in DNS server " + server);
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("expected :port after ] in DNS server " + server);
                }
                port = port(s.substring(end + 2), server);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), server);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host in DNS server " + server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS server " + server + " is not a known host: give an IP address", e);
        }
    }

    private static int port(String text, String server) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("bad port in DNS server " + server + " (host[:port] or [ipv6]:port)");
    }
}
