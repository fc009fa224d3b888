package dev.hermod.smtp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames the client's bytes: command lines (at most {@code maxLine} octets with CRLF, RFC 5321 §4.5.3.1.4),
 * DATA bodies through a {@link DotUnstuffer}, and BDAT chunks of a known length (RFC 3030). After each event
 * it passes on it stops until the session calls {@link #resume()}, so pipelined commands (RFC 2920) are
 * handled strictly in order while earlier ones wait on the directory or the store. Replies written
 * meanwhile are flushed when no further complete command is buffered: one flush per pipelined batch.
 */
final class SmtpInput extends ChannelInboundHandlerAdapter {

    /** A command line, without its line end, decoded as UTF-8 (RFC 6531). */
    record Line(String text) {
    }

    /** A line longer than the limit was read and discarded. */
    record LineTooLong() {
    }

    /** The end of DATA (or of a BDAT chunk, {@code chunk} true). */
    record BodyEnd(boolean chunk, long size, boolean overLimit) {
    }

    private final int maxLine;
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean pumping;
    private boolean discarding;
    private DotUnstuffer data;
    private OutputStream chunkOut;
    private long chunkLeft;
    private long chunkSize;
    private long chunkMax;
    private long chunkTotal;

    SmtpInput(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        buffer = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffer.release();
        buffer = Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            buffer.discardReadBytes();
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        pump();
    }

    /** The next bytes are a DATA body, written unstuffed to {@code out} up to {@code maxSize} octets. */
    void startData(OutputStream out, long maxSize) {
        data = new DotUnstuffer(out, maxSize);
    }

    /** The next {@code length} bytes are a BDAT chunk; {@code total} octets were received before it. */
    void startChunk(OutputStream out, long length, long total, long maxSize) {
        chunkOut = out;
        chunkLeft = length;
        chunkSize = length;
        chunkTotal = total;
        chunkMax = maxSize <= 0 ? Long.MAX_VALUE : maxSize;
    }

    /** Drops what the client sent ahead: commands pipelined after STARTTLS must not run (RFC 3207 §5). */
    void discardBuffered() {
        buffer.skipBytes(buffer.readableBytes());
    }

    /** Reads nothing until {@link #resume()}: the session has not greeted yet. */
    void hold() {
        paused = true;
    }

    /** Continues after the session handled the last event; call on the event loop. */
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
            if (!paused) {
                ctx.flush();
            } else if (buffer.readableBytes() > 4 * maxLine) {
                ctx.channel().config().setAutoRead(false);
            }
        } catch (IOException e) {
            ctx.fireExceptionCaught(e);
        } finally {
            pumping = false;
        }
    }

    private Object next() throws IOException {
        if (data != null) {
            if (!data.feed(buffer)) {
                return null;
            }
            DotUnstuffer done = data;
            data = null;
            return new BodyEnd(false, done.size(), done.overLimit());
        }
        if (chunkOut != null) {
            int n = (int) Math.min(chunkLeft, buffer.readableBytes());
            long room = Math.max(0, Math.min(n, chunkMax - (chunkTotal + chunkSize - chunkLeft)));
            buffer.readBytes(chunkOut, (int) room);
            buffer.skipBytes(n - (int) room);
            chunkLeft -= n;
            if (chunkLeft > 0) {
                return null;
            }
            chunkOut = null;
            return new BodyEnd(true, chunkSize, chunkTotal + chunkSize > chunkMax);
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
        String text = buffer.toString(buffer.readerIndex(), end - buffer.readerIndex(), StandardCharsets.UTF_8);
        buffer.readerIndex(lf + 1);
        return new Line(text);
    }
}
