package dev.hermod.http.internal;

import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.WebSocket;
import dev.hermod.api.http.WebSocketListener;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One accepted WebSocket: frames in to the handler's listener (one at a time), messages out from any thread. */
final class WebSocketConnection extends SimpleChannelInboundHandler<WebSocketFrame> implements WebSocket {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final Request handshake;
    private final String subprotocol;
    private final WebSocketListener listener;
    private final String name;
    private final SerialExecutor serial;
    private volatile Channel channel;
    private volatile boolean open;
    private boolean closeReported;
    private int closeCode = 1006;
    private String closeReason = "";

    WebSocketConnection(Request handshake, String subprotocol, WebSocketListener listener, String name, Executor executor) {
        this.handshake = handshake;
        this.subprotocol = subprotocol;
        this.listener = listener;
        this.name = name;
        this.serial = new SerialExecutor(executor);
    }

    void opened(Channel channel) {
        this.channel = channel;
        open = true;
        channel.closeFuture().addListener(f -> {
            open = false;
            reportClose();
        });
        run(() -> listener.onOpen(this));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            String message = text.text();
            run(() -> listener.onText(this, message));
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            byte[] data = ByteBufUtil.getBytes(binary.content());
            run(() -> listener.onBinary(this, data));
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            synchronized (this) {
                closeCode = close.statusCode() < 0 ? 1005 : close.statusCode();
                closeReason = close.reasonText() == null ? "" : close.reasonText();
            }
            boolean wasOpen = open;
            open = false;
            if (wasOpen) {
                // RFC 6455 §5.5.1: answer a Close with a Close, then drop the connection.
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    private void run(ThrowingTask task) {
        serial.execute(() -> {
            try {
                task.run();
            } catch (Exception | LinkageError e) {
                LOG.warn("http {}: WebSocket handler for {} failed", name, handshake.path(), e);
                close(1011, "internal error");
            }
        });
    }

    private void reportClose() {
        int code;
        String reason;
        synchronized (this) {
            if (closeReported) {
                return;
            }
            closeReported = true;
            code = closeCode;
            reason = closeReason;
        }
        serial.execute(() -> {
            try {
                listener.onClose(this, code, reason);
            } catch (RuntimeException e) {
                LOG.warn("http {}: WebSocket close handler for {} failed", name, handshake.path(), e);
            }
        });
    }

    @Override
    public boolean sendText(String text) {
        return send(new TextWebSocketFrame(text));
    }

    @Override
    public boolean sendBinary(byte[] data) {
        return send(new BinaryWebSocketFrame(Unpooled.copiedBuffer(data)));
    }

    private boolean send(WebSocketFrame frame) {
        Channel ch = channel;
        if (!open || ch == null) {
            frame.release();
            return false;
        }
        if (!ch.isWritable()) {
            // The peer reads too slowly: more than the listener's output limit is queued.
            frame.release();
            close(1008, "too slow");
            return false;
        }
        ch.writeAndFlush(frame);
        return true;
    }

    @Override
    public void close(int code, String reason) {
        Channel ch = channel;
        synchronized (this) {
            if (!open || ch == null) {
                return;
            }
            open = false;
            closeCode = code;
            closeReason = reason == null ? "" : reason;
        }
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason == null ? "" : reason))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    @Override
    public HttpRequest handshake() {
        return handshake;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            // Keeps the connection (and any proxy on the way) from timing out; the peer answers with a Pong.
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            close(1009, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException) {
            close(1002, "protocol error");
        } else {
            ctx.close();
        }
    }

    @FunctionalInterface
    private interface ThrowingTask {
        void run() throws Exception;
    }
}
