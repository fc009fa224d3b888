package dev.hermod.http.internal;

import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.ResponseStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;

/** The open body of a streamed response: chunks written from any thread; closes once. */
final class EventStream implements ResponseStream {

    private final ChannelHandlerContext ctx;
    private final Request request;
    private final Runnable ended;
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean open = true;

    EventStream(ChannelHandlerContext ctx, Request request, Runnable ended) {
        this.ctx = ctx;
        this.request = request;
        this.ended = ended;
        ctx.channel().closeFuture().addListener(f -> closed());
    }

    @Override
    public boolean write(byte[] data) {
        synchronized (this) {
            if (!open) {
                return false;
            }
            if (!ctx.channel().isWritable()) {
                // The client reads too slowly: more than the listener's output limit is queued.
                ctx.close();
                return false;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(data)));
            return true;
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return open && ctx.channel().isActive();
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (open) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                if (f.isSuccess()) {
                    ended.run();
                }
            });
        }
        closed();
    }

    private void closed() {
        List<Runnable> actions;
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public HttpRequest request() {
        return request;
    }
}
