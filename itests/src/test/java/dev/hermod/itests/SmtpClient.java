package dev.hermod.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal SMTP/LMTP client for the integration tests: one command, one (possibly multi-line) reply. */
public final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** The greeting's reply. */
    public final String greeting;

    public SmtpClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends a command line; returns the whole reply, lines joined with "\n". */
    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Sends a message after a 354 (dot-stuffed here); returns the reply to the final dot. */
    public String data(String message) throws IOException {
        String stuffed = message.replace("\r\n.", "\r\n..");
        if (stuffed.startsWith(".")) {
            stuffed = "." + stuffed;
        }
        out.write((stuffed + (stuffed.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Reads one more reply (LMTP sends one per recipient after DATA). */
    public String reply() throws IOException {
        StringBuilder b = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; read so far: " + b);
            }
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return b.toString();
    }

    /** EHLO, MAIL, RCPT for each recipient, DATA: returns the reply after the message, or the first refusal. */
    public String send(String from, String message, String... recipients) throws IOException {
        String r = command("MAIL FROM:<" + from + ">");
        if (!r.startsWith("250")) {
            return r;
        }
        for (String rcpt : recipients) {
            r = command("RCPT TO:<" + rcpt + ">");
            if (!r.startsWith("250")) {
                command("RSET");
                return r;
            }
        }
        r = command("DATA");
        if (!r.startsWith("354")) {
            return r;
        }
        return data(message);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
