package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import io.netty.bootstrap.Bootstrap;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import dev.tollgate.proxy.domain.ConnectionRefused;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens one upstream connection for a pool: TCP, TLS as the database's {@code ssl_mode} asks ({@link UpstreamTls}),
 * the login of {@link UpstreamHandshake} as the registered user (with {@code statement_timeout} from the database's
 * {@code query_timeout_ms}), then a {@link ServerConnection}.
 */
final class ServerConnector {
    private ServerConnector() {
    }

    /** Calls exactly one of {@code connected} or {@code failed} (with a FATAL ErrorResponse) on {@code loop}. */
    static void open(ServerPool pool, ProxyRoute route, UpstreamLogins logins, EventLoop loop, Consumer<ServerConnection> connected,
                     Consumer<ByteBuf> failed) {
        boolean[] done = {false};
        Consumer<ByteBuf> failOnce = error -> {
            if (done[0]) {
                error.release();
                return;
            }
            done[0] = true;
            failed.accept(error);
        };
        Channel[] channel = new Channel[1];
        // The whole login (TCP, TLS, authentication) has a deadline: a silent upstream must not hold the pool's slot.
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            if (!done[0]) {
                failOnce.accept(PgWire.fatal(PooledByteBufAllocator.DEFAULT, "08006", "the upstream did not complete the login within "
                        + logins.timeout.toSeconds() + " s"));
                if (channel[0] != null) {
                    channel[0].close();
                }
            }
        }, logins.timeout.toMillis(), TimeUnit.MILLISECONDS);
        UpstreamHandshake handshake = new UpstreamHandshake(route, logins, Map.of(), ready -> {
            deadline.cancel(false);
            if (done[0]) {
                // The attempt already failed (deadline, error): it must not also count as a connection.
                ReferenceCountUtil.release(ready.readyForQuery());
                ready.parameterStatuses().forEach(ReferenceCountUtil::release);
                channel[0].close();
                return;
            }
            ReferenceCountUtil.release(ready.readyForQuery());
            Map<String, String> reported = new HashMap<>();
            for (ByteBuf status : ready.parameterStatuses()) {
                int body = status.readerIndex() + 5;
                String name = PgWire.cStringAt(status, body);
                reported.put(name, PgWire.cStringAt(status, PgWire.afterCString(status, body)));
                status.release();
            }
            ServerConnection server = new ServerConnection(pool, channel[0], ready.processId(), ready.secretKey(), reported);
            channel[0].pipeline().addLast("server", server);
            done[0] = true;
            connected.accept(server);
        }, error -> {
            failOnce.accept(error);
            if (channel[0] != null) {
                channel[0].close();
            }
        });
        // Where to dial is decided now, for this connection: the name may resolve elsewhere than when it was registered.
        logins.addresses(route.host(), route.port(), route.dataCluster()).whenComplete((addresses, refused) -> loop.execute(() -> {
            if (done[0]) {
                return;
            }
            if (refused != null) {
                ConnectionRefused why = refused instanceof ConnectionRefused c ? c
                        : refused.getCause() instanceof ConnectionRefused c ? c
                        : new ConnectionRefused("08004", "the database's upstream host could not be resolved");
                deadline.cancel(false);
                failOnce.accept(PgWire.fatal(PooledByteBufAllocator.DEFAULT, why.sqlState(), why.getMessage()));
                return;
            }
            dial(addresses.get(0), route, loop, handshake, channel, failOnce);
        }));
    }

    private static void dial(InetAddress address, ProxyRoute route, EventLoop loop, UpstreamHandshake handshake, Channel[] channel,
                             Consumer<ByteBuf> failOnce) {
        new Bootstrap()
                .group(loop)
                .channel(SocketTransport.socketChannelFor(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(PgWire.MAX_MESSAGE_LENGTH, 1, 4, -4, 0));
                        ch.pipeline().addLast("handshake", handshake);
                    }
                })
                .connect(new InetSocketAddress(address, route.port()))
                .addListener((ChannelFutureListener) future -> {
                    if (!future.isSuccess()) {
                        failOnce.accept(PgWire.fatal(future.channel().alloc(), "08006", "could not connect to the upstream database: "
                                + future.cause().getMessage()));
                        return;
                    }
                    channel[0] = future.channel();
                    Runnable login = () -> handshake.start(future.channel().pipeline().context("handshake"));
                    if (!UpstreamTls.wanted(route.sslMode())) {
                        login.run();
                        return;
                    }
                    UpstreamTls tls = new UpstreamTls(route.sslMode(), route.host(), route.port(), login, reason -> {
                        failOnce.accept(PgWire.fatal(future.channel().alloc(), "08006", reason));
                        future.channel().close();
                    });
                    future.channel().pipeline().addFirst("upstream-tls-negotiation", tls);
                    tls.start(future.channel().pipeline().context(tls));
                });
    }
}
