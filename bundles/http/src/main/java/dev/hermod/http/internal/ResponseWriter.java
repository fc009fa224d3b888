package dev.hermod.http.internal;

import dev.hermod.api.http.HttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.stream.ChunkedStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a handler's response to the connection, for each kind of body. */
final class ResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);
    /** Headers the server sets itself (RFC 9112 framing, RFC 9110 §6.6.1 Date). */
    private static final Set<String> OWN = Set.of("content-length", "transfer-encoding", "connection", "date",
            "keep-alive", "upgrade");

    private final ChannelHandlerContext ctx;
    private final HttpDispatcher dispatcher;
    private final Request request;
    private final HttpRequest nettyRequest;
    private final boolean keepAlive;
    private final long maxMessage;

    ResponseWriter(ChannelHandlerContext ctx, HttpDispatcher dispatcher, Request request, HttpRequest nettyRequest,
                   boolean keepAlive, long maxMessage) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.request = request;
        this.nettyRequest = nettyRequest;
        this.keepAlive = keepAlive;
        this.maxMessage = maxMessage;
    }

    void write(HttpResponse response) {
        HttpResponse.Body body = response.body();
        if (body instanceof HttpResponse.Source source) {
            source(response, source);
        } else if (body instanceof HttpResponse.Stream stream) {
            stream(response, stream);
        } else if (body instanceof HttpResponse.Upgrade upgrade) {
            upgrade(upgrade);
        } else {
            finish(writeNow(ctx, nettyRequest, response, keepAlive));
        }
    }

    /** Writes a response with an in-memory body; returns the write's future. Usable from any thread. */
    static ChannelFuture writeNow(ChannelHandlerContext ctx, HttpRequest request, HttpResponse response, boolean keepAlive) {
        byte[] content = response.body() instanceof HttpResponse.Bytes b ? b.content() : new byte[0];
        boolean head = request.method().name().equals("HEAD");
        DefaultFullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
        copyHeaders(response, out.headers());
        if (response.status() != 204 && response.status() >= 200) {
            HttpUtil.setContentLength(out, content.length);
        }
        HttpUtil.setKeepAlive(out, keepAlive);
        ChannelFuture future = ctx.writeAndFlush(out);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        return future;
    }

    private void finish(ChannelFuture future) {
        if (keepAlive) {
            future.addListener(f -> {
                if (f.isSuccess()) {
                    ctx.executor().execute(() -> dispatcher.ready(ctx));
                } else {
                    ctx.close();
                }
            });
        }
    }

    private void source(HttpResponse response, HttpResponse.Source source) {
        InputStream in;
        try {
            in = source.source().open();
        } catch (Exception e) {
            LOG.warn("http {}: cannot open the body of {}", request.listener(), request, e);
            finish(writeNow(ctx, nettyRequest, HttpResponse.status(500).text("The content cannot be read; see the server's log.\n"), keepAlive));
            return;
        }
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        copyHeaders(response, out.headers());
        if (source.length() >= 0) {
            HttpUtil.setContentLength(out, source.length());
        } else {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        HttpUtil.setKeepAlive(out, keepAlive);
        ctx.write(out);
        ChannelFuture future;
        if (nettyRequest.method().name().equals("HEAD")) {
            closeQuietly(in);
            future = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            future = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(in, 16384)));
        }
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        finish(future);
    }

    private void stream(HttpResponse response, HttpResponse.Stream stream) {
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        copyHeaders(response, out.headers());
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, stream.contentType());
        HttpUtil.setTransferEncodingChunked(out, true);
        HttpUtil.setKeepAlive(out, keepAlive);
        ctx.writeAndFlush(out);
        ctx.executor().execute(() -> dispatcher.streamOpened(ctx));
        EventStream open = new EventStream(ctx, request, () -> {
            if (keepAlive) {
                dispatcher.ready(ctx);
            } else {
                ctx.close();
            }
        });
        try {
            stream.body().open(open);
        } catch (Exception e) {
            LOG.warn("http {}: stream of {} failed", request.listener(), request, e);
            open.close();
        }
    }

    private void upgrade(HttpResponse.Upgrade upgrade) {
        if (!request.isWebSocketUpgrade()) {
            finish(writeNow(ctx, nettyRequest, HttpResponse.status(400).text("This resource needs a WebSocket handshake.\n"), keepAlive));
            return;
        }
        String url = (request.secure() ? "wss://" : "ws://") + request.baseUri().getAuthority() + request.path();
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(url, upgrade.subprotocol(),
                false, (int) Math.min(Integer.MAX_VALUE, Math.max(65536, maxMessage)));
        FullHttpRequest handshake = new DefaultFullHttpRequest(nettyRequest.protocolVersion(), nettyRequest.method(),
                nettyRequest.uri(), Unpooled.EMPTY_BUFFER);
        handshake.headers().set(nettyRequest.headers());
        ctx.executor().execute(() -> {
            WebSocketServerHandshaker handshaker = factory.newHandshaker(handshake);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                handshake.release();
                return;
            }
            WebSocketConnection connection = new WebSocketConnection(request, upgrade.subprotocol(), upgrade.listener(),
                    request.listener(), dispatcher.executor());
            ctx.pipeline().addLast("ws-aggregate", new WebSocketFrameAggregator(
                    (int) Math.min(Integer.MAX_VALUE, Math.max(65536, maxMessage))));
            ctx.pipeline().addLast("ws", connection);
            ctx.pipeline().remove(dispatcher);
            handshaker.handshake(ctx.channel(), handshake).addListener(f -> {
                handshake.release();
                if (f.isSuccess()) {
                    connection.opened(ctx.channel());
                    ctx.channel().config().setAutoRead(true);
                } else {
                    ctx.close();
                }
            });
        });
    }

    private static void copyHeaders(HttpResponse response, HttpHeaders headers) {
        for (Map.Entry<String, List<String>> e : response.headers().entrySet()) {
            if (!OWN.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(e.getKey(), e.getValue());
            }
        }
        headers.set(HttpHeaderNames.DATE, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        if (!headers.contains(HttpHeaderNames.CONTENT_TYPE) && response.body() instanceof HttpResponse.Bytes b
                && b.content().length > 0) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (Exception ignored) {
            // nothing was read
        }
    }
}
