package io.weir.connector.http.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.EventExecutor;

/**
 * The listening socket and its I/O threads: one Netty event loop group of {@code io_threads}
 * threads that accepts and serves every connection. Each connection gets an HTTP/1.1 codec limited
 * to {@code max_header_bytes}, a flow-control stage that hands over one message per read, and a
 * {@link ConnectionHandler}, which also watches the bytes before the codec (for its request deadline).
 */
final class IngestServer {
    private static final int CHUNK_BYTES = 16 * 1024;

    private final EventLoopGroup group;
    private final NamedThreadFactory threads;
    private final Channel listener;

    private IngestServer(EventLoopGroup group, NamedThreadFactory threads, Channel listener) {
        this.group = group;
        this.threads = threads;
        this.listener = listener;
    }

    /**
     * Binds and starts serving.
     *
     * @param intake       where admitted requests go
     * @param threadPrefix the start of every thread's name
     * @return the running server
     * @throws IOException when the address cannot be bound (message names host and port)
     */
    static IngestServer start(Intake intake, String threadPrefix) throws IOException {
        HttpServerSettings settings = intake.settings();
        NamedThreadFactory threads = new NamedThreadFactory(threadPrefix + "io-");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), threads,
                NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    // A replacement instance (hot swap, restart) binds again at once.
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ConnectionHandler handler = new ConnectionHandler(intake);
                            channel.pipeline().addLast(
                                    handler.arrivals(),
                                    new HttpServerCodec(new HttpDecoderConfig()
                                            .setMaxInitialLineLength(settings.maxHeaderBytes())
                                            .setMaxHeaderSize(settings.maxHeaderBytes())
                                            .setMaxChunkSize(CHUNK_BYTES)),
                                    new FlowControlHandler(),
                                    handler);
                        }
                    });
            Channel listener = bootstrap.bind(settings.host(), settings.port()).syncUninterruptibly().channel();
            return new IngestServer(group, threads, listener);
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) without declaring it.
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            try {
                threads.join(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e, e);
        }
    }

    /** @return {@code host:port} listened on, an IPv6 host in brackets, the port the one bound */
    String hostAndPort() {
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** @return the bound port (the chosen one when the configuration says 0) */
    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops accepting, closes every connection after the replies already written, and ends the I/O
     * threads.
     *
     * @param timeoutMillis the longest to wait
     * @return the names of I/O threads still alive at the deadline; empty when all ended
     */
    List<String> close(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        listener.close().awaitUninterruptibly(timeoutMillis);
        // A loop that shuts down closes its channels before running the tasks still queued: let the
        // replies queued so far (503 to every waiting request) be written first. Tasks run in order,
        // so an empty task on each loop marks the point when they have been.
        for (EventExecutor loop : group) {
            try {
                loop.submit(() -> { }).await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Already shutting down.
            }
        }
        long left = Math.max(0, deadline - System.nanoTime());
        // No quiet period: the replies queued before this call are written, then the loops end.
        group.shutdownGracefully(0, left, TimeUnit.NANOSECONDS);
        group.terminationFuture().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return threads.join(deadline);
    }
}
