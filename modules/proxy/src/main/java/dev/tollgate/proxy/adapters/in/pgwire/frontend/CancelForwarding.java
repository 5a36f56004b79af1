package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.backend.CancelTarget;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import dev.tollgate.proxy.adapters.in.pgwire.backend.SocketTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Sends a client's CancelRequest on to the upstream backend running its query (ADR 0021). */
final class CancelForwarding {
    /** How long a forwarded cancel may hold its server back from the pool when the upstream does not close on it. */
    static final Duration CANCEL_DEADLINE = Duration.ofSeconds(5);

    private CancelForwarding() {
    }

    /** Forwards a cancel for {@code target} (nothing when null: like PostgreSQL, an unknown key gets no answer). */
    static void forward(EventLoop loop, CancelTarget target) {
        if (target == null) {
            return;
        }
        // The server stays with its client until the upstream closes the cancel connection, which it does once it
        // signalled the backend (or after CANCEL_DEADLINE): only then may the pool hand that backend to someone else.
        new Bootstrap().group(loop).channel(SocketTransport.socketChannelFor(loop))
                .handler(new ChannelInboundHandlerAdapter())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CANCEL_DEADLINE.toMillis())
                .connect(target.address())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        target.server().cancelForwarded();
                        return;
                    }
                    Channel channel = f.channel();
                    channel.closeFuture().addListener(closed -> target.server().cancelForwarded());
                    channel.eventLoop().schedule(() -> channel.close(), CANCEL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    channel.writeAndFlush(PgWire.cancelRequest(channel.alloc(), target.processId(), target.secretKey()));
                });
    }
}
