package dev.hermod.pop3.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny POP3 client for protocol tests: writes raw text, reads lines as they come on the wire. */
final class Pop3Client implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Pop3Client(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    /** Sends text as it is (add CRLF yourself). */
    Pop3Client raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** One line without CRLF, or {@code null} when the server closed the connection. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Sends a command and reads its one-line response. */
    String command(String command) throws IOException {
        raw(command + "\r\n");
        return line();
    }

    /** Reads a multi-line response's lines after the status line, up to the terminating dot, as sent. */
    List<String> body() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = line(); !".".equals(l); l = line()) {
            if (l == null) {
                throw new IOException("closed in a multi-line response; read " + lines);
            }
            lines.add(l);
        }
        return lines;
    }

    /** Logs alice in with USER/PASS (the listener must allow it). */
    void login() throws IOException {
        line();
        String user = command("USER alice");
        if (!user.startsWith("+OK")) {
            throw new IOException(user);
        }
        String pass = command("PASS secret");
        if (!pass.startsWith("+OK")) {
            throw new IOException(pass);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
