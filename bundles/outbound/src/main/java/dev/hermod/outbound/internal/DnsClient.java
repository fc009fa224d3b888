package dev.hermod.outbound.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS queries over dnsjava, without a cache of its own (the recursive resolver caches). Each answer says whether
 * the name exists, so that NXDOMAIN (a permanent failure for mail) is told apart from a failure to get an answer
 * (temporary).
 */
final class DnsClient {

    /** How a query ended. */
    enum Status {
        /** At least one record of the type. */
        FOUND,
        /** The name exists without records of the type (NODATA). */
        NO_DATA,
        /** The name does not exist. */
        NX_DOMAIN,
        /** No usable answer: time-out, SERVFAIL, REFUSED, truncated or malformed. */
        ERROR
    }

    /**
     * A query's outcome.
     *
     * @param status  how it ended
     * @param records the records of the asked type when {@code FOUND} (after CNAMEs inside the answer)
     */
    record Answer(Status status, List<Record> records) {
        static Answer of(Status status) {
            return new Answer(status, List.of());
        }
    }

    private final Resolver resolver;

    /**
     * @param servers {@code host[:port]} or {@code [v6]:port} entries; empty for the system's resolvers (dnsjava
     *                reads {@code /etc/resolv.conf})
     * @param timeout how long one query may take over all servers
     * @throws IllegalArgumentException if an entry is not an address with an optional port
     */
    DnsClient(List<String> servers, Duration timeout) {
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

    /** @return the MX records of a name */
    Answer mx(String name) {
        return query(name, Type.MX);
    }

    /**
     * Looks up a name's TXT records.
     *
     * @param name the name, e.g. {@code _mta-sts.example.com}
     * @return how the query ended, and each record's text: its character-strings joined without separator
     *         (empty unless {@code FOUND})
     */
    TextAnswer txt(String name) {
        Answer answer = query(name, Type.TXT);
        List<String> texts = new ArrayList<>();
        for (Record r : answer.records()) {
            texts.add(String.join("", ((TXTRecord) r).getStrings()));
        }
        return new TextAnswer(answer.status(), List.copyOf(texts));
    }

    /**
     * A name's TXT records.
     *
     * @param status how the query ended
     * @param texts  one string per record
     */
    record TextAnswer(Status status, List<String> texts) {
    }

    /** @return the IPv4 and then the IPv6 addresses of a name; ERROR if either query failed and none was found */
    AddressAnswer addresses(String name) {
        Answer a = query(name, Type.A);
        Answer aaaa = query(name, Type.AAAA);
        List<InetAddress> found = new ArrayList<>();
        a.records().forEach(r -> found.add(((ARecord) r).getAddress()));
        aaaa.records().forEach(r -> found.add(((AAAARecord) r).getAddress()));
        Status status;
        if (!found.isEmpty()) {
            status = Status.FOUND;
        } else if (a.status() == Status.ERROR || aaaa.status() == Status.ERROR) {
            status = Status.ERROR;
        } else if (a.status() == Status.NX_DOMAIN) {
            status = Status.NX_DOMAIN;
        } else {
            status = Status.NO_DATA;
        }
        return new AddressAnswer(status, List.copyOf(found));
    }

    /**
     * A name's addresses.
     *
     * @param status    how the lookups ended together
     * @param addresses IPv4 first, then IPv6
     */
    record AddressAnswer(Status status, List<InetAddress> addresses) {
    }

    private Answer query(String domain, int type) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return Answer.of(Status.ERROR);
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
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
        // Follow a CNAME chain inside the answer section (RFC 1034 §3.6.2).
        List<Record> values = new ArrayList<>();
        Name wanted = name;
        List<Record> answers = response.getSection(Section.ANSWER);
        for (int hop = 0; hop < 10 && values.isEmpty(); hop++) {
            Name next = null;
            for (Record r : answers) {
                if (r.getName().equals(wanted)) {
                    if (r.getType() == type) {
                        values.add(r);
                    } else if (r.getType() == Type.CNAME) {
                        next = ((CNAMERecord) r).getTarget();
                    }
                }
            }
            if (next == null) {
                break;
            }
            wanted = next;
        }
        return values.isEmpty() ? Answer.of(Status.NO_DATA) : new Answer(Status.FOUND, List.copyOf(values));
    }

    /**
     * Parses a DNS server entry.
     *
     * @param server {@code host[:port]} or {@code [v6]:port}; a host name is looked up by the JDK
     * @return its socket address, port 53 when none is given
     * @throws IllegalArgumentException if it does not parse or the host is unknown
     */
    static InetSocketAddress socketAddress(String server) {
        String s = server.strip();
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
                port = Settings.port(s.substring(end + 2), "dns.servers");
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = Settings.port(s.substring(s.indexOf(':') + 1), "dns.servers");
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
}
