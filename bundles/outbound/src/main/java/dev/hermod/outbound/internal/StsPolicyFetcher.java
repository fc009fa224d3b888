package dev.hermod.outbound.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a domain's MTA-STS policy body: {@code GET /.well-known/mta-sts.txt} on {@code mta-sts.<domain>} over
 * HTTPS (RFC 8461 §3.3), as one HTTP/1.1 request on a connection of its own.
 *
 * <ul>
 *   <li>The policy host's addresses come from the transport's own DNS client (A, then AAAA), like the MX hosts',
 *       so {@code dns.servers} applies to it too; each address is tried in turn.</li>
 *   <li>The certificate must chain to a trusted one (the JDK's trust store, or {@code mta-sts.trust.file}) and
 *       name {@code mta-sts.<domain>} (RFC 8461 §3.3, checked as HTTPS does, RFC 6125); SNI names the host.</li>
 *   <li>Only {@code 200} is a policy: a redirect (3xx) is not followed (§3.3) and, like any other status, is a
 *       failure. No HTTP cache is used (§3.3).</li>
 *   <li>The media type must be {@code text/plain} (§3.2); parameters such as {@code charset} are allowed.</li>
 *   <li>The body may be at most {@value #MAX_BODY} octets (§3.3: "SHOULD be limited to 64 KB"), given with
 *       {@code Content-Length}, chunked, or up to the end of the connection.</li>
 *   <li>One time-out bounds the whole fetch, connections included (§3.3: "no more than 1 minute").</li>
 * </ul>
 *
 * <p>The JDK's {@code java.net.http.HttpClient} is not used because it resolves host names only through the JVM's
 * resolver, which cannot be pointed at {@code dns.servers} (Java 17 has no resolver SPI).
 */
final class StsPolicyFetcher {

    /** The largest policy body read, in octets. */
    static final int MAX_BODY = 64 * 1024;
    /** The largest status line plus header section read, in octets. */
    private static final int MAX_HEADER = 16 * 1024;
    /** The policy's path (RFC 8461 §3.2). */
    static final String PATH = "/.well-known/mta-sts.txt";

    private final DnsClient dns;
    private final SSLSocketFactory tls;
    private final int port;
    private final Duration timeout;

    /**
     * @param dns     resolves the policy host
     * @param tls     a verifying socket factory ({@link TlsContexts#verifying})
     * @param port    the HTTPS port, 443 except in tests
     * @param timeout bounds one whole fetch
     */
    StsPolicyFetcher(DnsClient dns, SSLSocketFactory tls, int port, Duration timeout) {
        this.dns = dns;
        this.tls = tls;
        this.port = port;
        this.timeout = timeout;
    }

    /**
     * Fetches the policy body of a domain.
     *
     * @param domain the policy domain, lower case
     * @return the body, decoded as UTF-8 (a policy is ASCII; RFC 8461 §3.2)
     * @throws IOException if no address answered, TLS or the certificate failed, the status is not 200, the type
     *                     not {@code text/plain}, the body too large, or the time ran out; the message says which
     */
    String fetch(String domain) throws IOException {
        String host = "mta-sts." + domain;
        long deadline = System.nanoTime() + timeout.toNanos();
        DnsClient.AddressAnswer addresses = dns.addresses(host);
        if (addresses.addresses().isEmpty()) {
            throw new IOException("no address for " + host + " (" + addresses.status() + ")");
        }
        IOException last = null;
        for (InetAddress address : addresses.addresses()) {
            try {
                return fetch(host, address, deadline);
            } catch (IOException e) {
                last = new IOException(host + " [" + address.getHostAddress() + "]:" + port + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private String fetch(String host, InetAddress address, long deadline) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), remaining(deadline));
            plain.setSoTimeout(remaining(deadline));
            try (SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true)) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(host)));
                ssl.setSSLParameters(parameters);
                ssl.setUseClientMode(true);
                ssl.startHandshake();
                OutputStream out = ssl.getOutputStream();
                String authority = port == 443 ? host : host + ":" + port;
                out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + authority + "\r\nAccept: text/plain\r\n"
                        + "User-Agent: Hermod\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = new BufferedInputStream(new Bounded(ssl.getInputStream(), ssl, deadline));
                return response(in);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s", e);
        }
    }

    /** Reads the status, the header and the body; see the class documentation for what is accepted. */
    private static String response(InputStream in) throws IOException {
        int[] budget = {MAX_HEADER};
        String status = line(in, budget);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + HostFailure.oneLine(status));
        }
        if (!parts[1].equals("200")) {
            throw new IOException("HTTP status " + HostFailure.oneLine(parts[1])
                    + (parts[1].startsWith("3") ? " (redirects are not followed, RFC 8461 §3.3)" : "")
                    + "; a policy needs 200");
        }
        String type = null;
        long length = -1;
        boolean chunked = false;
        for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-type" -> type = value;
                case "content-length" -> length = contentLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> {
                    // not needed
                }
            }
        }
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/plain")) {
            throw new IOException("Content-Type is " + (type == null ? "missing" : HostFailure.oneLine(type))
                    + "; a policy is text/plain (RFC 8461 §3.2)");
        }
        byte[] body;
        if (chunked) {
            body = chunked(in, budget);
        } else if (length >= 0) {
            if (length > MAX_BODY) {
                throw new IOException("policy of " + length + " octets, more than " + MAX_BODY);
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("connection closed after " + body.length + " of " + length + " octets");
            }
        } else {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new IOException("policy larger than " + MAX_BODY + " octets");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static long contentLength(String value) throws IOException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new IOException("bad Content-Length: " + HostFailure.oneLine(value));
        }
        return Long.parseLong(value);
    }

    /** Decodes a chunked body (RFC 9112 §7.1), extensions and trailer ignored, at most {@link #MAX_BODY}. */
    private static byte[] chunked(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, budget).split(";", 2)[0].strip();
            if (!size.matches("[0-9A-Fa-f]{1,8}")) {
                throw new IOException("bad chunk size: " + HostFailure.oneLine(size));
            }
            long n = Long.parseLong(size, 16);
            if (n == 0) {
                while (!line(in, budget).isEmpty()) {
                    // trailer fields: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY) {
                throw new IOException("policy larger than " + MAX_BODY + " octets");
            }
            byte[] chunk = in.readNBytes((int) n);
            if (chunk.length < n) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            line(in, budget);
        }
    }

    /** Reads one line up to LF, without CR LF, taking its length from the budget. */
    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the response header");
            }
            if (--budget[0] < 0) {
                throw new IOException("response header longer than " + MAX_HEADER + " octets");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("time-out");
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    /** Sets the socket's read time-out to what is left of the deadline before each read. */
    private static final class Bounded extends InputStream {

        private final InputStream in;
        private final Socket socket;
        private final long deadline;

        Bounded(InputStream in, Socket socket, long deadline) {
            this.in = in;
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remaining(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remaining(deadline));
            return in.read(b, off, len);
        }
    }
}
