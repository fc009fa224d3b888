package dev.hermod.outbound.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal SMTP server on 127.0.0.1 for protocol details a real server cannot be made to show: answers each
 * command line with what a function returns (several lines separated by CRLF), records the lines and the DATA
 * content as received (dot-stuffed, with the final dot). Serves connections one after another.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Function<String, String> answer;
    private final String greeting;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<byte[]> data = new CopyOnWriteArrayList<>();
    final List<Integer> readsBeforeReply = new CopyOnWriteArrayList<>();
    volatile int connections;

    /**
     * @param greeting the greeting, e.g. {@code 220 scripted ESMTP}
     * @param answer   the reply to a command line (without CRLF); {@code null} closes the connection
     */
    ScriptedServer(String greeting, Function<String, String> answer) throws IOException {
        this(greeting, answer, null);
    }

    /** The same, speaking TLS from the first byte (implicit TLS) with sockets of {@code tls} when not {@code null}. */
    ScriptedServer(String greeting, Function<String, String> answer, javax.net.ssl.SSLServerSocketFactory tls)
            throws IOException {
        this.greeting = greeting;
        this.answer = answer;
        this.socket = tls == null ? new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))
                : tls.createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::serve, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections++;
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                send(out, greeting);
                while (true) {
                    String line = readLine(in);
                    if (line == null) {
                        break;
                    }
                    lines.add(line);
                    // How many bytes were already waiting: > 0 means the client pipelined.
                    readsBeforeReply.add(in.available());
                    String reply = answer.apply(line);
                    if (reply == null) {
                        break;
                    }
                    send(out, reply);
                    if (line.equalsIgnoreCase("DATA") && reply.startsWith("354")) {
                        data.add(readData(in));
                        send(out, answer.apply("."));
                    }
                    if (line.equalsIgnoreCase("QUIT")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] sofar = b.toByteArray();
            int n = sofar.length;
            if (n >= 5 && sofar[n - 5] == '\r' && sofar[n - 4] == '\n' && sofar[n - 3] == '.' && sofar[n - 2] == '\r'
                    && sofar[n - 1] == '\n' || n == 3 && sofar[0] == '.' && sofar[1] == '\r' && sofar[2] == '\n') {
                break;
            }
        }
        return b.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
