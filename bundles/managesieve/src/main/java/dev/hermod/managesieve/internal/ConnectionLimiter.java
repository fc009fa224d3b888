package dev.hermod.managesieve.internal;

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
 * Refuses a client's connection past {@code max} open ones from its address with
 * {@code BYE (TRYLATER)} (RFC 5804 §1.3).
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    /** @param max open connections allowed per client address; 0 for no limit */
    ConnectionLimiter(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        int n = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> open.computeIfPresent(address,
                (a, c) -> c.decrementAndGet() <= 0 ? null : c));
        if (max > 0 && n > max) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("BYE (TRYLATER) \"Too many connections from your address\"\r\n",
                    StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }
}
