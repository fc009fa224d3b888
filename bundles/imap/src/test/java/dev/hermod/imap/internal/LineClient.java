package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny IMAP client for protocol tests: writes raw text, reads response lines with their literals. */
final class LineClient implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    LineClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    /** Sends text as it is (add CRLF yourself). */
    LineClient raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** One response line; a line announcing a literal includes the literal and the rest of its line. */
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

    /** Reads lines up to the tagged response of {@code tag}; all of them, that one last. */
    List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** Sends {@code tag command} and reads up to its tagged response, which must start with {@code expect}. */
    List<String> command(String tag, String command, String expect) throws IOException {
        raw(tag + " " + command + "\r\n");
        List<String> lines = until(tag);
        assertTrue(lines.get(lines.size() - 1).startsWith(tag + " " + expect), String.join("\n", lines));
        return lines;
    }

    /** As {@link #command}, joined with newlines. */
    String ok(String tag, String command) throws IOException {
        return String.join("\n", command(tag, command, "OK"));
    }

    LineClient login(String user) throws IOException {
        line();
        command("l0", "LOGIN " + user + " secret", "OK");
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
