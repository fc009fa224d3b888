package dev.hermod.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * Sets up a connection's pipeline once TLS is established: HTTP/2 when the client chose {@code h2} by ALPN
 * (RFC 7301, RFC 9113 §3.2), HTTP/1.1 otherwise. On HTTP/2 every stream gets its own child channel with
 * the same dispatcher as an HTTP/1.1 connection, over HTTP/1-style messages.
 */
final class ProtocolSelector extends ChannelInboundHandlerAdapter {

    private final Listener listener;
    private final int lineMax;
    private final int headerMax;

    ProtocolSelector(Listener listener, int lineMax, int headerMax) {
        this.listener = listener;
        this.lineMax = lineMax;
        this.headerMax = headerMax;
    }

    static void http1(ChannelPipeline pipeline, Listener listener, int lineMax, int headerMax) {
        pipeline.addLast("codec", new HttpServerCodec(lineMax, headerMax, 65536))
                .addLast("chunked", new ChunkedWriteHandler())
                .addLast("dispatch", new HttpDispatcher(listener, false));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                ctx.close();
                return;
            }
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            String protocol = tls.engine().getApplicationProtocol();
            ChannelPipeline pipeline = ctx.pipeline();
            if ("h2".equals(protocol)) {
                pipeline.addLast("h2", Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(headerMax)).build());
                pipeline.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast("codec", new Http2StreamFrameToHttpObjectCodec(true))
                                .addLast("chunked", new ChunkedWriteHandler())
                                .addLast("dispatch", new HttpDispatcher(listener, true));
                    }
                }));
            } else {
                http1(pipeline, listener, lineMax, headerMax);
            }
            pipeline.remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }
}
