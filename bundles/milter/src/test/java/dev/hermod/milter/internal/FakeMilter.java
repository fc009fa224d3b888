package dev.hermod.milter.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted milter for the protocol tests: answers the negotiation with the given steps, each command with
 * what {@code script} says (by default {@code SMFIR_CONTINUE}; nothing for macros), and records every packet
 * it receives. Serves one connection at a time on a loopback port.
 */
final class FakeMilter implements AutoCloseable {

    /** A reply: code and data. */
    record Reply(char code, byte[] data) {
        static Reply of(char code) {
            return new Reply(code, new byte[0]);
        }

        static Reply strings(char code, String... strings) {
            return new Reply(code, cstrings(null, strings));
        }

        static Reply indexed(char code, int index, String... strings) {
            return new Reply(code, cstrings(index, strings));
        }

        private static byte[] cstrings(Integer index, String... strings) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            if (index != null && index >= 0) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(index).array());
            }
            for (String s : strings) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            return out.toByteArray();
        }
    }

    /** A received packet. */
    record Packet(char code, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    final List<Packet> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread thread;
    private final int steps;
    private final Function<Packet, List<Reply>> script;

    /**
     * @param steps  the protocol steps to ask for in the negotiation
     * @param script the replies to each packet, or {@code null} for the default
     */
    FakeMilter(int steps, Function<Packet, List<Reply>> script) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.steps = steps;
        this.script = script;
        this.thread = new Thread(this::serve, "fake-milter");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return "inet:127.0.0.1:" + port();
    }

    /** @return the received packets' codes as a string, macros left out, once QUIT came (or after 5 s) */
    String codes() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (received.isEmpty() || received.get(received.size() - 1).code() != 'Q')) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        received.stream().filter(p -> p.code() != 'D').forEach(p -> sb.append(p.code()));
        return sb.toString();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
                while (true) {
                    int len = in.readInt();
                    char code = (char) in.readUnsignedByte();
                    byte[] data = new byte[len - 1];
                    in.readFully(data);
                    Packet p = new Packet(code, data);
                    received.add(p);
                    List<Reply> replies = script == null ? null : script.apply(p);
                    if (replies == null) {
                        replies = defaults(p);
                    }
                    for (Reply r : replies) {
                        out.writeInt(r.data().length + 1);
                        out.writeByte(r.code());
                        out.write(r.data());
                    }
                    out.flush();
                    if (code == 'Q') {
                        break;
                    }
                }
            } catch (EOFException e) {
                // client closed
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private List<Reply> defaults(Packet p) {
        return switch (p.code()) {
            case 'O' -> List.of(new Reply('O', ByteBuffer.allocate(12).putInt(6).putInt(0x33).putInt(steps).array()));
            case 'D', 'Q', 'A' -> List.of();
            default -> List.of(Reply.of('c'));
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
