package dev.hermod.net.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bound server socket with its event loops: at most two I/O threads (the listeners' work runs on worker
 * pools, not on the event loop), each accepted connection's pipeline set up by the caller.
 */
public final class NettyListener {

    private final EventLoopGroup group;
    private final Channel channel;

    private NettyListener(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds a listening socket.
     *
     * @param what     the listener, for the error message (e.g. {@code imap listener default})
     * @param host     the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port     the port, 0 for any free one
     * @param pipeline sets up each accepted connection's pipeline; runs on its event loop
     * @return the bound listener
     * @throws IllegalStateException naming the address if it cannot be bound (port in use, no permission)
     */
    public static NettyListener bind(String what, String host, int port, Consumer<SocketChannel> pipeline) {
        return bind(what, host, port, bootstrap -> bootstrap, pipeline);
    }

    /**
     * Binds a listening socket, with options of the caller's on the bootstrap (e.g. accepted connections'
     * write-buffer water marks).
     *
     * @param what     the listener, for the error message (e.g. {@code http listener default})
     * @param host     the address to bind
     * @param port     the port, 0 for any free one
     * @param options  sets options on the bootstrap before it binds, returning it
     * @param pipeline sets up each accepted connection's pipeline; runs on its event loop
     * @return the bound listener
     * @throws IllegalStateException naming the address if it cannot be bound
     */
    public static NettyListener bind(String what, String host, int port,
                                     java.util.function.UnaryOperator<ServerBootstrap> options,
                                     Consumer<SocketChannel> pipeline) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        try {
            Channel channel = options.apply(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            pipeline.accept(ch);
                        }
                    }).bind(host, port).sync().channel();
            return new NettyListener(group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(what + ": cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "). Is the port in use?", e);
        }
    }

    /** @return the bound local address, with the port actually bound */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting, closes the listening socket and shuts the event loops down (open connections close). */
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
