package dev.hermod.net.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Frames a client's octets into command lines up to LF (a CR before it is dropped), each at most
 * {@code maxLine} octets; a longer line is dropped and passed on as {@link LineTooLong}.
 *
 * <p>After each event it passes on it stops until the session calls {@link #resume()}, so pipelined commands
 * run strictly in order while earlier ones wait on the store; while stopped with much buffered it stops
 * reading the socket. A protocol with more than lines (ManageSieve's literals) overrides {@link #next()} and
 * falls back to {@link #nextLine()}. All methods run on the event loop.
 */
public class LineFramer extends ChannelInboundHandlerAdapter {

    /**
     * A line without its CRLF.
     *
     * @param bytes the line's octets
     */
    public record Line(byte[] bytes) {
    }

    /** A line longer than the limit was read and dropped. */
    public record LineTooLong() {
    }

    private final int maxLine;
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean pumping;
    private boolean discarding;

    /** @param maxLine the longest line in octets, CRLF included */
    public LineFramer(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        buffer = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    /** Also here: when the event loop is shutting down, the pipeline may not be torn down. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (buffer != Unpooled.EMPTY_BUFFER) {
            buffer.release();
            buffer = Unpooled.EMPTY_BUFFER;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (buffer == Unpooled.EMPTY_BUFFER) {
            in.release();
            return;
        }
        try {
            buffer.discardReadBytes();
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        pump();
    }

    /** Drops what the client sent ahead: nothing pipelined after STARTTLS or STLS may run. */
    public void discardBuffered() {
        buffer.skipBytes(buffer.readableBytes());
    }

    /** Passes on nothing until {@link #resume()}. */
    public void hold() {
        paused = true;
    }

    /** Continues after the session handled the last event. */
    public void resume() {
        paused = false;
        ctx.channel().config().setAutoRead(true);
        pump();
    }

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!paused && buffer.isReadable() && ctx.channel().isActive()) {
                Object event = next();
                if (event == null) {
                    break;
                }
                paused = true;
                ctx.fireChannelRead(event);
            }
            if (paused && buffer.readableBytes() > 4 * maxLine) {
                ctx.channel().config().setAutoRead(false);
            }
        } finally {
            pumping = false;
        }
    }

    /** @return the octets received and not yet framed, for a subclass's own framing */
    protected final ByteBuf buffer() {
        return buffer;
    }

    /**
     * The next event to pass on.
     *
     * @return the event, or {@code null} when more octets are needed
     */
    protected Object next() {
        return nextLine();
    }

    /**
     * The next line from the buffer.
     *
     * @return a {@link Line}, a {@link LineTooLong}, or {@code null} when no whole line is buffered yet
     */
    protected final Object nextLine() {
        int lf = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n');
        if (discarding) {
            if (lf < 0) {
                buffer.skipBytes(buffer.readableBytes());
                return null;
            }
            buffer.readerIndex(lf + 1);
            discarding = false;
            return new LineTooLong();
        }
        if (lf < 0) {
            if (buffer.readableBytes() >= maxLine) {
                buffer.skipBytes(buffer.readableBytes());
                discarding = true;
            }
            return null;
        }
        int length = lf + 1 - buffer.readerIndex();
        if (length > maxLine) {
            buffer.readerIndex(lf + 1);
            return new LineTooLong();
        }
        int end = lf > buffer.readerIndex() && buffer.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - buffer.readerIndex()];
        buffer.readBytes(line);
        buffer.readerIndex(lf + 1);
        return new Line(line);
    }
}
