package dev.hermod.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A small authoritative DNS server for tests, on UDP and TCP of one free port on 127.0.0.1, serving one zone
 * given as master-file text (RFC 1035 §5, parsed by dnsjava's {@code Master}).
 *
 * <pre>{@code
 * try (DnsServer dns = DnsServer.start("""
 *         example.com.  300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
 *         mx.example.com. 300 IN A 192.0.2.25
 *         """)) {
 *     resolver = new SimpleResolver(dns.address());
 * }
 * }</pre>
 *
 * <p>Answers carry the AA flag. A name in the zone without the asked type gets NOERROR with no answer and the
 * zone's SOA in the authority section (NODATA); a name not in the zone gets NXDOMAIN with the SOA; a CNAME
 * is followed inside the zone. Names outside the zone get REFUSED, names given to {@link #failWith} get
 * SERVFAIL (to test temporary errors). UDP answers longer than 512 octets, or than the client's EDNS buffer,
 * are truncated with TC set, so clients retry over TCP as they would with a real server. The zone can be
 * replaced while the server runs ({@link #zone(String)}).
 */
public final class DnsServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Name origin;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    private volatile Zone zone;

    private DnsServer(Name origin, Zone zone, DatagramSocket udp, ServerSocket tcp) {
        this.origin = origin;
        this.zone = zone;
        this.udp = udp;
        this.tcp = tcp;
        Thread udpThread = new Thread(this::serveUdp, "dns-test-udp-" + udp.getLocalPort());
        udpThread.setDaemon(true);
        udpThread.start();
        Thread tcpThread = new Thread(this::serveTcp, "dns-test-tcp-" + tcp.getLocalPort());
        tcpThread.setDaemon(true);
        tcpThread.start();
    }

    /**
     * Starts a server authoritative for the root zone {@code .}, so that it answers for any name.
     *
     * @param zoneText records in master-file format, names absolute or relative to the root; an SOA and NS
     *                 record for the root are added when the text has none
     * @return the running server; close it after the test
     * @throws IllegalArgumentException if the text does not parse
     */
    public static DnsServer start(String zoneText) {
        return start(".", zoneText);
    }

    /**
     * Starts a server authoritative for one zone.
     *
     * @param origin   the zone's name, e.g. {@code example.com.} (a final dot is added if missing)
     * @param zoneText records in master-file format, relative names taken relative to {@code origin}; an SOA
     *                 and an NS record at the origin are added when the text has none
     * @return the running server; close it after the test
     * @throws IllegalArgumentException if the text does not parse
     */
    public static DnsServer start(String origin, String zoneText) {
        Name name = absolute(origin);
        Zone zone = parse(name, zoneText);
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = PeerSupport.freePort(HOST);
            ServerSocket tcp = null;
            try {
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 50);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port));
                return new DnsServer(name, zone, udp, tcp);
            } catch (IOException e) {
                last = e;
                closeQuietly(tcp);
            }
        }
        throw new UncheckedIOException("no port on " + HOST + " free for both UDP and TCP", last);
    }

    /** @return the address and port to send queries to, over UDP or TCP */
    public InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    /** @return the port, the same for UDP and TCP */
    public int port() {
        return udp.getLocalPort();
    }

    /**
     * Replaces the zone's records; later queries see the new zone.
     *
     * @param zoneText records in master-file format, as for {@link #start(String, String)}
     * @throws IllegalArgumentException if the text does not parse
     */
    public void zone(String zoneText) {
        zone = parse(origin, zoneText);
    }

    /**
     * Makes queries for a name (any type) answer SERVFAIL, as a broken authoritative server would.
     *
     * @param names absolute or relative-to-root names, e.g. {@code broken.example.}
     */
    public void failWith(String... names) {
        for (String n : names) {
            failing.add(absolute(n));
        }
    }

    /** Stops answering and frees the port. */
    @Override
    public void close() {
        udp.close();
        closeQuietly(tcp);
    }

    private static Zone parse(Name origin, String zoneText) {
        List<Record> records = new ArrayList<>();
        boolean soa = false;
        boolean ns = false;
        try (Master master = new Master(new ByteArrayInputStream(zoneText.getBytes(StandardCharsets.UTF_8)),
                origin, 300)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.add(r);
                soa |= r.getType() == Type.SOA && r.getName().equals(origin);
                ns |= r.getType() == Type.NS && r.getName().equals(origin);
            }
            if (!soa) {
                records.add(0, Record.fromString(origin, Type.SOA, DClass.IN, 300,
                        "ns.test. hostmaster.test. 1 3600 600 86400 60", origin));
            }
            if (!ns) {
                records.add(Record.fromString(origin, Type.NS, DClass.IN, 300, "ns.test.", origin));
            }
            return new Zone(origin, records.toArray(new Record[0]));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad zone text for " + origin + ": " + e.getMessage(), e);
        }
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query;
                try {
                    query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                } catch (IOException e) {
                    continue;
                }
                OPTRecord opt = query.getOPT();
                int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
                byte[] out = answer(query).toWire(max);
                udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad exchange must not stop the server
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                Thread t = new Thread(() -> serveConnection(socket), "dns-test-tcp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            DataInputStream data = new DataInputStream(in);
            while (true) {
                int length;
                try {
                    length = data.readUnsignedShort();
                } catch (IOException e) {
                    return;
                }
                byte[] wire = new byte[length];
                data.readFully(wire);
                byte[] reply = answer(new Message(wire)).toWire();
                DataOutputStream dataOut = new DataOutputStream(out);
                dataOut.writeShort(reply.length);
                dataOut.write(reply);
                dataOut.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
            header.setRcode(Rcode.NOTIMP);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        }
        Name name = question.getName();
        if (failing.contains(name)) {
            header.setRcode(Rcode.SERVFAIL);
            return response;
        }
        Zone current = zone;
        if (!name.subdomain(origin)) {
            header.setRcode(Rcode.REFUSED);
            return response;
        }
        header.setFlag(Flags.AA);
        int type = question.getType();
        for (int hops = 0; hops < 8; hops++) {
            SetResponse sr = current.findRecords(name, type);
            if (sr.isSuccessful()) {
                for (RRset set : sr.answers()) {
                    set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
                }
                return response;
            }
            if (sr.isCNAME() && type != Type.CNAME) {
                Record cname = sr.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                name = sr.getCNAME().getTarget();
                if (!name.subdomain(origin)) {
                    return response;
                }
                continue;
            }
            if (sr.isNXDOMAIN()) {
                header.setRcode(Rcode.NXDOMAIN);
            }
            // NXDOMAIN and NODATA (isNXRRSET) both carry the SOA for negative caching (RFC 2308 §2)
            response.addRecord(current.getSOA(), Section.AUTHORITY);
            return response;
        }
        header.setRcode(Rcode.SERVFAIL);
        return response;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to do
            }
        }
    }
}
