package dev.hermod.milter.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One connection to a milter: writes and reads packets, with a time limit on connecting and on each wait for
 * the milter. Works the same over TCP and Unix domain sockets (a non-blocking channel driven by a selector on
 * the caller's thread, since a blocking channel has no read timeout). Not thread safe.
 */
final class MilterChannel implements Closeable {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final long readTimeoutMillis;
    private final ByteBuffer lengthBuffer = ByteBuffer.allocate(4);

    private MilterChannel(SocketChannel channel, Selector selector, long readTimeoutMillis) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Connects to a milter.
     *
     * @param address        where it listens, not {@code null}
     * @param connectTimeout the longest wait for the connection
     * @param readTimeout    the longest wait for each reply (and for the milter to take data)
     * @return the open channel, never {@code null}
     * @throws SocketTimeoutException if the connection takes longer than {@code connectTimeout}
     * @throws IOException            if the connection fails
     */
    static MilterChannel open(MilterAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        SocketChannel channel = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            MilterChannel result = new MilterChannel(channel, selector, Math.max(1, readTimeout.toMillis()));
            if (!channel.connect(address.socketAddress())) {
                result.await(SelectionKey.OP_CONNECT, Math.max(1, connectTimeout.toMillis()), "connecting");
                channel.finishConnect();
            }
            return result;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /**
     * Sends one packet.
     *
     * @param code the command code
     * @param data the data, not {@code null}
     * @throws IOException if the milter does not take it within the read timeout, or the connection fails
     */
    void send(byte code, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(5 + data.length);
        buffer.putInt(data.length + 1).put(code).put(data).flip();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, readTimeoutMillis, "sending " + MilterProtocol.name(code));
            }
        }
    }

    /**
     * Receives one packet.
     *
     * @return the packet, never {@code null}
     * @throws SocketTimeoutException if no complete packet comes within the read timeout
     * @throws EOFException           if the milter closed the connection
     * @throws MilterException        if the packet's length is out of range
     * @throws IOException            if the connection fails
     */
    MilterPacket receive() throws IOException {
        lengthBuffer.clear();
        fill(lengthBuffer);
        int length = lengthBuffer.getInt(0);
        if (length < 1 || length > MilterProtocol.MAX_PACKET) {
            throw new MilterException("milter sent a packet of length " + length);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        fill(body);
        byte[] bytes = body.array();
        byte[] data = new byte[length - 1];
        System.arraycopy(bytes, 1, data, 0, data.length);
        return new MilterPacket(bytes[0], data);
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EOFException("milter closed the connection");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, readTimeoutMillis, "waiting for a reply");
            }
        }
    }

    private void await(int op, long timeoutMillis, String doing) throws IOException {
        key.interestOps(op);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("milter timed out " + doing + " after " + timeoutMillis + " ms");
                }
                int ready = selector.select(left);
                selector.selectedKeys().clear();
                if (ready > 0) {
                    return;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /** Closes the connection; never throws. */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
