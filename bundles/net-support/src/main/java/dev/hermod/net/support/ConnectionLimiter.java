package dev.hermod.net.support;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of a listener's pipelines: counts the open connections per client address and answers a
 * connection past the limit with the protocol's refusal line ({@code 421 4.7.0 ...} for SMTP,
 * {@code * BYE [UNAVAILABLE] ...} for IMAP, {@code BYE (TRYLATER) ...} for ManageSieve), then closes it.
 * One instance per listener, shared by its connections.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final String refusal;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    /**
     * @param max     open connections allowed per client address; 0 or less for no limit
     * @param refusal the line sent to a refused client, without CRLF, not {@code null}
     */
    public ConnectionLimiter(int max, String refusal) {
        this.max = max;
        this.refusal = refusal + "\r\n";
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        int n = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> open.computeIfPresent(address,
                (a, c) -> c.decrementAndGet() <= 0 ? null : c));
        if (max > 0 && n > max) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(refusal, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }
}
