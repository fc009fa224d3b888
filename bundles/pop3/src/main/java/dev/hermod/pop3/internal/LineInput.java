package dev.hermod.pop3.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Frames the client's octets into command lines up to CRLF (a bare LF is accepted), each at most
 * {@code maxLine} octets; a longer line is dropped and passed on as {@link LineTooLong}.
 *
 * <p>After each line it passes on it stops until the session calls {@link #resume()}, so pipelined commands
 * (RFC 2449 §6.6) run strictly in order while earlier ones wait on the store; while stopped with much
 * buffered it stops reading the socket. All methods run on the event loop.
 */
final class LineInput extends ChannelInboundHandlerAdapter {

    /**
     * A line without its CRLF.
     *
     * @param bytes the line's octets
     */
    record Line(byte[] bytes) {
    }

    /** A line longer than the limit was read and dropped. */
    record LineTooLong() {
    }

    private final int maxLine;
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean pumping;
    private boolean discarding;

    /** @param maxLine the longest line in octets, CRLF included */
    LineInput(int maxLine) {
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

    /** Drops what the client sent ahead: nothing pipelined after STLS may run (RFC 2595 §3.1). */
    void discardBuffered() {
        buffer.skipBytes(buffer.readableBytes());
    }

    /** Passes on nothing until {@link #resume()}. */
    void hold() {
        paused = true;
    }

    /** Continues after the session handled the last line. */
    void resume() {
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

    private Object next() {
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
