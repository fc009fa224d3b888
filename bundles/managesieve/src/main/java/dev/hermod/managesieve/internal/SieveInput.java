package dev.hermod.managesieve.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Frames the client's octets (RFC 5804 §4): command lines up to CRLF, each at most {@code maxLine} octets,
 * and the literals whose length the session has read from the end of a line ({@code {n+}}, or {@code {n}}).
 * A literal is either collected and passed on whole ({@link #readLiteral}) or skipped ({@link #skipLiteral},
 * for one that is too large).
 *
 * <p>After each event it passes on it stops until the session calls {@link #resume()}, so pipelined commands
 * run strictly in order while earlier ones wait on the store; while stopped with much buffered it stops
 * reading the socket. All methods run on the event loop.
 */
final class SieveInput extends ChannelInboundHandlerAdapter {

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

    /**
     * A literal collected whole after {@link #readLiteral}.
     *
     * @param bytes its octets
     */
    record Literal(byte[] bytes) {
    }

    private final int maxLine;
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean pumping;
    private boolean discarding;
    private long literalLeft;
    private byte[] literal;
    private int literalFilled;

    /** @param maxLine the longest line in octets, CRLF included */
    SieveInput(int maxLine) {
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

    /** The next {@code length} octets are a literal to pass on whole as a {@link Literal}. */
    void readLiteral(int length) {
        literal = new byte[length];
        literalFilled = 0;
        literalLeft = length;
    }

    /** The next {@code length} octets are dropped. */
    void skipLiteral(long length) {
        literalLeft = length;
    }

    /** Drops what the client sent ahead: nothing pipelined after STARTTLS may run (RFC 5804 §2.2). */
    void discardBuffered() {
        buffer.skipBytes(buffer.readableBytes());
    }

    /** Passes on nothing until {@link #resume()}. */
    void hold() {
        paused = true;
    }

    /** Continues after the session handled the last event. */
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
        if (literalLeft > 0) {
            int n = (int) Math.min(literalLeft, buffer.readableBytes());
            literalLeft -= n;
            if (literal != null) {
                buffer.readBytes(literal, literalFilled, n);
                literalFilled += n;
                if (literalLeft > 0) {
                    return null;
                }
                byte[] done = literal;
                literal = null;
                return new Literal(done);
            }
            buffer.skipBytes(n);
            if (literalLeft > 0) {
                return null;
            }
            // the skipped literal is done: the rest of the command line follows
        }
        if (literal != null) {
            // an empty literal: {0+}
            literal = null;
            return new Literal(new byte[0]);
        }
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
