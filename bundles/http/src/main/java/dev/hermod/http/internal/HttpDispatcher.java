package dev.hermod.http.internal;

import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one HTTP/1.x request at a time on a connection: routes it by path, reads its body within the
 * handler's limit, runs the handler on a worker thread and writes the response; the next request is read
 * only once the response is written.
 */
final class HttpDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Listener listener;
    private HttpRequest head;
    private Routes.Route route;
    private CompositeByteBuf body;
    private long limit;
    private boolean discarding;
    /** A response is being produced or written (or a stream is open); no new request is read. */
    private boolean busy;
    /** The connection carries an open event stream: idle time does not close it. */
    boolean streaming;

    private final boolean http2;

    /**
     * @param http2 whether this dispatcher serves one HTTP/2 stream (its messages come converted to HTTP/1 form)
     */
    HttpDispatcher(Listener listener, boolean http2) {
        this.listener = listener;
        this.http2 = http2;
    }

    /** Pipelined messages that arrived while a response was being produced (HTTP/1.1 §9.3.2: answered in order). */
    private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (busy && !streaming) {
            pending.add(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                content(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        if (busy) {
            // A request while an event stream is open on this connection: it cannot be answered in order.
            ctx.close();
            discarding = true;
            return;
        }
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException ? 431 : 400;
            String text = status == 414 ? "The request target is too long."
                    : status == 431 ? "The request headers are too large." : "The request cannot be parsed.";
            error(ctx, request, status, text, Map.of(), true);
            discarding = true;
            return;
        }
        String method = request.method().name();
        QueryStringDecoder uri;
        try {
            uri = new QueryStringDecoder(request.uri());
            uri.path();
        } catch (IllegalArgumentException e) {
            error(ctx, request, 400, "The request target cannot be decoded.", Map.of(), true);
            discarding = true;
            return;
        }
        if (!METHODS.contains(method)) {
            error(ctx, request, 405, "Method " + method + " is not served here.",
                    Map.of("Allow", String.join(", ", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")), false);
            discarding = true;
            return;
        }
        route = listener.routes().match(uri.path(), listener.name());
        if (route == null) {
            error(ctx, request, 404, "Nothing is served at " + uri.path() + " on this server.", Map.of(), false);
            discarding = true;
            return;
        }
        limit = route.maxBody() >= 0 ? Math.min(route.maxBody(), listener.maxBody()) : listener.defaultMaxBody();
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > limit) {
            error(ctx, request, 413, "The request body is larger than the " + limit + " bytes accepted at "
                    + route.prefix() + ".", Map.of(), true);
            discarding = true;
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        head = request;
        discarding = false;
        body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        if (discarding || head == null) {
            if (content instanceof LastHttpContent) {
                discarding = false;
            }
            return;
        }
        ByteBuf data = content.content();
        if (data.isReadable()) {
            if (body.readableBytes() + (long) data.readableBytes() > limit) {
                HttpRequest request = head;
                reset();
                error(ctx, request, 413, "The request body is larger than the " + limit + " bytes accepted here.",
                        Map.of(), true);
                discarding = true;
                return;
            }
            body.addComponent(true, data.retain());
        }
        if (content instanceof LastHttpContent) {
            dispatch(ctx);
        }
    }

    private void dispatch(ChannelHandlerContext ctx) {
        HttpRequest nettyRequest = head;
        Routes.Route matched = route;
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        reset();
        QueryStringDecoder uri = new QueryStringDecoder(nettyRequest.uri());
        Map<String, List<String>> query = new LinkedHashMap<>();
        uri.parameters().forEach((k, v) -> query.put(k, List.copyOf(v)));
        String path = uri.path();
        Request request = new Request(nettyRequest.method().name(), nettyRequest.uri(), path, matched.prefix(),
                matched.subPath(path), Collections.unmodifiableMap(query), nettyRequest.headers(), bytes,
                (InetSocketAddress) ctx.channel().remoteAddress(), (InetSocketAddress) ctx.channel().localAddress(),
                listener.secure(), http2 ? "HTTP/2" : nettyRequest.protocolVersion().text(), listener.name());
        boolean keepAlive = HttpUtil.isKeepAlive(nettyRequest);
        busy = true;
        ctx.channel().config().setAutoRead(false);
        try {
            listener.executor().execute(() -> handle(ctx, matched, request, nettyRequest, keepAlive));
        } catch (RuntimeException e) {
            error(ctx, nettyRequest, 503, "The server is shutting down; try again shortly.", Map.of(), true);
        }
    }

    private void handle(ChannelHandlerContext ctx, Routes.Route matched, Request request, HttpRequest nettyRequest,
                        boolean keepAlive) {
        HttpResponse response;
        try {
            response = matched.handler().handle(request);
            if (response == null) {
                throw new IllegalStateException("handler returned no response");
            }
        } catch (HttpException e) {
            response = HttpResponse.status(e.status()).text(e.getMessage() + "\n");
            e.headers().forEach(response::header);
        } catch (Exception | LinkageError e) {
            LOG.warn("http {}: handler for {} failed on {}", listener.name(), matched.prefix(), request, e);
            response = HttpResponse.status(500).text("The server failed to answer this request; see its log.\n");
        }
        new ResponseWriter(ctx, this, request, nettyRequest, keepAlive, limit(matched)).write(response);
    }

    private long limit(Routes.Route matched) {
        return matched.maxBody() >= 0 ? Math.min(matched.maxBody(), listener.maxBody()) : listener.defaultMaxBody();
    }

    java.util.concurrent.Executor executor() {
        return listener.executor();
    }

    /** The response is written: read the next request (called on the event loop). */
    void ready(ChannelHandlerContext ctx) {
        busy = false;
        streaming = false;
        Object next;
        while (!busy && (next = pending.poll()) != null) {
            channelRead(ctx, next);
        }
        if (!busy) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    /** An event stream began: keep reading to notice the client leaving, but take no request. */
    void streamOpened(ChannelHandlerContext ctx) {
        streaming = true;
        ctx.channel().config().setAutoRead(true);
    }

    private void error(ChannelHandlerContext ctx, HttpRequest request, int status, String text,
                       Map<String, String> headers, boolean close) {
        HttpResponse response = HttpResponse.status(status).text(text + "\n");
        headers.forEach(response::header);
        ResponseWriter.writeNow(ctx, request, response, !close && HttpUtil.isKeepAlive(request));
    }

    private void reset() {
        head = null;
        route = null;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!streaming && !busy) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reset();
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof java.io.IOException) && !(cause instanceof TooLongFrameException)) {
            LOG.debug("http {}: connection from {} failed", listener.name(), ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
