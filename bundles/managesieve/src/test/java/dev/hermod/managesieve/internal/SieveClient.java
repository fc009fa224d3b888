package dev.hermod.managesieve.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A tiny ManageSieve client for protocol tests: writes raw text, reads response lines with their literals. */
final class SieveClient implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SieveClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        streams();
    }

    private void streams() throws IOException {
        in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    /** Sends text as it is (add CRLF yourself). */
    SieveClient raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends octets as they are. */
    SieveClient raw(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
        return this;
    }

    /** One response line; a line announcing a literal is joined by a newline with the literal and its line's rest. */
    String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            String l = rawLine();
            b.append(l);
            Matcher m = LITERAL.matcher(l);
            if (!m.find()) {
                return b.toString();
            }
            byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
            b.append("\n").append(new String(literal, StandardCharsets.UTF_8));
        }
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed; read so far: " + b);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads lines up to an OK, NO or BYE; all of them, that one last. */
    List<String> response() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            lines.add(l);
            if (l.equals("OK") || l.equals("NO") || l.startsWith("OK ") || l.startsWith("NO ") || l.startsWith("BYE")) {
                return lines;
            }
        }
    }

    /** Sends {@code command} CRLF and reads its response, whose last line must start with {@code expect}. */
    List<String> command(String command, String expect) throws IOException {
        raw(command + "\r\n");
        List<String> lines = response();
        String last = lines.get(lines.size() - 1);
        if (!last.startsWith(expect)) {
            throw new AssertionError(command + ": expected " + expect + ", got " + lines);
        }
        return lines;
    }

    /** Logs in with AUTHENTICATE "PLAIN" and an initial response. */
    SieveClient login(String user, String password) throws IOException {
        String ir = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        command("AUTHENTICATE \"PLAIN\" \"" + ir + "\"", "OK");
        return this;
    }

    /** Puts TLS over the connection, trusting any certificate (after the server's OK to STARTTLS). */
    void startTls() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.startHandshake();
        socket = s;
        streams();
    }

    /** Whether the server has closed the connection (reads end of stream). */
    boolean closed() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
