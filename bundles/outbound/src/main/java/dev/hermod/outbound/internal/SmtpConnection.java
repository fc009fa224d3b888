package dev.hermod.outbound.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One TCP connection to an SMTP server: writes command lines, reads replies with a time-out each, switches to
 * TLS. Not thread safe; one delivery uses it at a time. Writes are guarded by a {@link WriteWatchdog}.
 */
final class SmtpConnection implements Closeable {

    /** Longest reply line read (RFC 5321 §4.5.3.1.5 allows 512 octets; some servers send more). */
    private static final int MAX_LINE = 8192;
    /** Most lines of one reply (an EHLO reply has one per extension). */
    private static final int MAX_LINES = 200;

    private final Destination destination;
    private final WriteWatchdog watchdog;
    private final Duration writeTimeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private volatile long writeDeadline;
    private boolean secure;

    private SmtpConnection(Destination destination, Socket socket, WriteWatchdog watchdog, Duration writeTimeout)
            throws IOException {
        this.destination = destination;
        this.watchdog = watchdog;
        this.writeTimeout = writeTimeout;
        attach(socket);
        watchdog.watch(this);
    }

    /**
     * Connects.
     *
     * @param destination  where to
     * @param timeouts     the connect time-out and the write time-out ({@code dataBlock})
     * @param watchdog     aborts blocked writes
     * @return the open connection
     * @throws IOException if the connection is refused, times out or fails
     */
    static SmtpConnection open(Destination destination, Timeouts timeouts, WriteWatchdog watchdog) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(destination.socketAddress(), (int) timeouts.connect().toMillis());
            // Bounds an implicit TLS handshake, which comes before the first read sets a time-out of its own.
            socket.setSoTimeout((int) timeouts.greeting().toMillis());
            return new SmtpConnection(destination, socket, watchdog, timeouts.dataBlock());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new BufferedOutputStream(new Guarded(s.getOutputStream()), 16384);
    }

    /** @return the server this connects to */
    Destination destination() {
        return destination;
    }

    /** @return whether TLS is on */
    boolean secure() {
        return secure;
    }

    /**
     * Starts TLS on the connection: after a {@code 220} to STARTTLS (RFC 3207), or at once for implicit TLS.
     *
     * @param factory the socket factory (trusting all certificates, or verifying)
     * @param verify  whether to check that the certificate names {@link Destination#host()} (RFC 6125, as HTTPS
     *                does; an IP address must be an IP subject alternative name)
     * @throws IOException if the handshake fails, the certificate is refused, or the server sent more after its
     *                     reply to STARTTLS (which could be a command injection, so the connection is refused)
     */
    void startTls(SSLSocketFactory factory, boolean verify) throws IOException {
        if (in.available() > 0) {
            throw new IOException("the server sent data after its reply to STARTTLS; refusing to continue");
        }
        String host = destination.host();
        SSLSocket ssl = (SSLSocket) factory.createSocket(socket, host, destination.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        // SNI carries host names only, never an address (RFC 6066 §3).
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAHostName) {
                // no SNI for this name
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(socket.getSoTimeout());
        ssl.startHandshake();
        attach(ssl);
        secure = true;
    }

    /** @return the negotiated protocol and cipher suite, e.g. {@code TLSv1.3 TLS_AES_256_GCM_SHA384}, or {@code null} */
    String tlsDescription() {
        if (socket instanceof SSLSocket ssl) {
            return ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
        }
        return null;
    }

    /**
     * Buffers one command line; {@link #flush()} sends it.
     *
     * @param command the command without CRLF; UTF-8 (non-ASCII only in SMTPUTF8 transactions)
     * @throws IOException if writing fails
     */
    void write(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** Sends what is buffered. */
    void flush() throws IOException {
        out.flush();
    }

    /** @return the stream to write the message's content to (buffered; flush when done) */
    OutputStream output() {
        return out;
    }

    /**
     * Reads one reply.
     *
     * @param timeout how long to wait for all of it
     * @return the reply
     * @throws IOException on time-out, end of stream, or a line that is not a reply
     */
    Reply read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        List<String> lines = new ArrayList<>();
        int code = -1;
        try {
            while (true) {
                String line = readLine();
                if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                        || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' '
                        && line.charAt(3) != '-') {
                    throw new IOException("malformed reply line from " + destination + ": " + shorten(line));
                }
                int lineCode = Integer.parseInt(line.substring(0, 3));
                if (code >= 0 && lineCode != code) {
                    throw new IOException("reply lines with different codes from " + destination);
                }
                code = lineCode;
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return new Reply(code, lines);
                }
                if (lines.size() >= MAX_LINES) {
                    throw new IOException("reply of more than " + MAX_LINES + " lines from " + destination);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no reply from " + destination + " within " + timeout.toSeconds() + " s");
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by " + destination);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " octets from " + destination);
            }
            line.write(b);
        }
    }

    private static String shorten(String line) {
        String s = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return s.isEmpty() ? "(empty)" : s.replaceAll("\\p{Cntrl}", "?");
    }

    /** @return whether a write began more than the write time-out ago and has not returned */
    boolean writeOverdue(long now) {
        long deadline = writeDeadline;
        return deadline != 0 && now - deadline > 0;
    }

    /** Closes the socket under a blocked write (from the watchdog's thread). */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Closes the socket without QUIT. */
    @Override
    public void close() {
        watchdog.forget(this);
        abort();
    }

    /** Sets a deadline around each write to the socket, for the watchdog. */
    private final class Guarded extends FilterOutputStream {
        Guarded(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeDeadline = System.nanoTime() + writeTimeout.toNanos();
            try {
                out.write(b, off, len);
            } finally {
                writeDeadline = 0;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
