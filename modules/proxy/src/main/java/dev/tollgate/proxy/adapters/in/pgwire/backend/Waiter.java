package dev.tollgate.proxy.adapters.in.pgwire.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/** A client waiting in a {@link ServerPool}'s line for a connection. {@link #cancel} it when the client goes away first. */
public final class Waiter {
    private final ServerPool pool;
    final EventLoop loop;
    final Consumer<ServerConnection> granted;
    final Consumer<ByteBuf> failed;
    final long sinceNanos = System.nanoTime();
    ScheduledFuture<?> timeout;

    Waiter(ServerPool pool, EventLoop loop, Consumer<ServerConnection> granted, Consumer<ByteBuf> failed) {
        this.pool = pool;
        this.loop = loop;
        this.granted = granted;
        this.failed = failed;
    }

    public void cancel() {
        pool.forget(this);
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
