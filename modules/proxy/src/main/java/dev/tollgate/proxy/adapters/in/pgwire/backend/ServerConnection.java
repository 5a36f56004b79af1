package dev.tollgate.proxy.adapters.in.pgwire.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in upstream connection owned by a {@link ServerPool}. While a client holds it, every message it reads is
 * handed to that client's {@link Owner} on the owner's event loop; while idle, it only watches for the server going
 * away. It remembers what must survive from one client to the next: the server's reported settings and the prepared
 * statements it already has.
 */
public final class ServerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    /** Whoever currently holds the connection: a client's relay, or a reset running before the connection is pooled. */
    public interface Owner {
        EventLoop loop();

        /** A whole message from the server; the owner releases it. */
        void onServerMessage(ServerConnection server, ByteBuf message);

        void onServerReadComplete(ServerConnection server);

        void onServerClosed(ServerConnection server);

        /** The server can take writes again after its outbound buffer was full. */
        void onServerWritable(ServerConnection server);
    }

    final ServerPool pool;
    final Channel channel;
    private final int processId;
    private final int secretKey;
    final long createdNanos = System.nanoTime();
    /** The values the server last reported (ParameterStatus) and the unreported ones this proxy SET. */
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    /**
     * Server-side names of statements prepared on this connection (see
     * {@link dev.tollgate.proxy.adapters.in.pgwire.protocol.StatementNames}).
     */
    private final Set<String> prepared = new HashSet<>();
    /** Parse sent but not yet acknowledged: the name must not be prepared twice. */
    private final Set<String> preparing = new HashSet<>();
    long idleSinceNanos;
    /**
     * The settings profile ({@link ServerPool#settingsProfile}) this server was last brought to, while nothing changed
     * its settings since; null when unknown. A client of that profile then needs no comparison, setting by setting.
     */
    private volatile Object settingsProfile;
    private volatile Owner owner;
    /** CancelRequests forwarded for this backend that the upstream has not acted on yet (guarded by this). */
    private int cancelsInFlight;
    /** The pool's release, held back while a cancel is in flight (guarded by this). */
    private Runnable releaseAfterCancels;

    ServerConnection(ServerPool pool, Channel channel, int processId, int secretKey, Map<String, String> reported) {
        this.pool = pool;
        this.channel = channel;
        this.processId = processId;
        this.secretKey = secretKey;
        this.settings.putAll(reported);
    }

    public Channel channel() {
        return channel;
    }

    /** The values the server last reported (ParameterStatus) and the unreported ones this proxy SET. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The settings profile the server is known to match, or null. */
    public Object settingsProfile() {
        return settingsProfile;
    }

    /** Records that the settings now match {@code profile} (null: they changed, or are no longer known to match one). */
    public void settingsProfile(Object profile) {
        settingsProfile = profile;
    }

    /** Synchronized with {@link #cancelFor}: a cancel is claimed for a client either before it lets go or not at all. */
    public synchronized void owner(Owner owner) {
        this.owner = owner;
    }

    /**
     * Claims a cancel for {@code client}'s query: true while the client still holds this connection, and then the
     * connection goes to no one else until {@link #cancelForwarded}. Without that, a cancel arriving as the query ends
     * could reach the upstream after the next client's query started on the same backend, and cancel that one.
     */
    private synchronized boolean cancelFor(Owner client) {
        if (owner != client || client == null) {
            return false;
        }
        cancelsInFlight++;
        return true;
    }

    /** Where a cancel of {@code client}'s query must go, claimed by {@link #cancelFor}; null when it holds this no longer. */
    public CancelTarget cancelTarget(Owner client) {
        return cancelFor(client) ? new CancelTarget(channel.remoteAddress(), processId, secretKey, this) : null;
    }

    /** The upstream acted on a cancel claimed by {@link #cancelFor} (or it could not be sent): a held release goes on. */
    public void cancelForwarded() {
        Runnable release;
        synchronized (this) {
            if (--cancelsInFlight > 0 || releaseAfterCancels == null) {
                return;
            }
            release = releaseAfterCancels;
            releaseAfterCancels = null;
        }
        channel.eventLoop().execute(release);
    }

    /** True when a cancel is in flight: {@code release} then runs once the last one was acted on. */
    synchronized boolean holdWhileCancelling(Runnable release) {
        if (cancelsInFlight == 0) {
            return false;
        }
        releaseAfterCancels = release;
        return true;
    }

    public boolean hasStatement(String serverName) {
        return prepared.contains(serverName) || preparing.contains(serverName);
    }

    /** A Parse of {@code serverName} was sent: it must not be sent twice. */
    public void preparing(String serverName) {
        preparing.add(serverName);
    }

    /** The server acknowledged the Parse of {@code serverName}. */
    public void prepared(String serverName) {
        preparing.remove(serverName);
        prepared.add(serverName);
    }

    /** The Parse of {@code serverName} was skipped or failed: nothing is prepared under it. */
    public void notPrepared(String serverName) {
        preparing.remove(serverName);
    }

    /** A reset dropped every prepared statement (DEALLOCATE ALL, DISCARD ALL). */
    public void forgetStatements() {
        prepared.clear();
    }

    /**
     * Runs {@code queries} (each on its own, as a client left the server in a state the next one must not see) and
     * gives the connection back to its pool once the server is idle and every query succeeded; closes it otherwise.
     */
    public void resetThenRelease(List<String> queries) {
        owner = new ResetOwner(queries.size());
        channel.config().setAutoRead(true);
        queries.forEach(sql -> channel.write(PgWire.query(channel.alloc(), sql)));
        channel.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf message = (ByteBuf) msg;
        if (message.getByte(message.readerIndex()) == 'S') {
            int body = message.readerIndex() + 5;
            String name = PgWire.cStringAt(message, body);
            String value = PgWire.cStringAt(message, PgWire.afterCString(message, body));
            if (!value.equals(settings.put(name, value))) {
                settingsProfile = null;
            }
        }
        Owner current = owner;
        if (current == null) {
            idleMessage(message);
        } else if (current.loop().inEventLoop()) {
            current.onServerMessage(this, message);
        } else {
            current.loop().execute(() -> current.onServerMessage(this, message));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Owner current = owner;
        if (current != null) {
            if (current.loop().inEventLoop()) {
                current.onServerReadComplete(this);
            } else {
                current.loop().execute(() -> current.onServerReadComplete(this));
            }
        }
    }

    /** A pooled connection should hear nothing but notices; an error means the server is ending the session. */
    private void idleMessage(ByteBuf message) {
        byte type = message.getByte(message.readerIndex());
        message.release();
        if (type == 'E') {
            channel.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Owner current = owner;
        if (current != null && ctx.channel().isWritable()) {
            current.loop().execute(() -> current.onServerWritable(this));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.discard(this);
        Owner current = owner;
        if (current != null) {
            current.loop().execute(() -> current.onServerClosed(this));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Upstream connection failed", cause);
        ctx.close();
    }

    /** Swallows the answers to a reset query; pools the connection if it ends idle, closes it otherwise. */
    private final class ResetOwner implements Owner {
        private int remaining;
        private boolean failed;

        ResetOwner(int queries) {
            this.remaining = queries;
        }

        @Override
        public EventLoop loop() {
            return channel.eventLoop();
        }

        @Override
        public void onServerMessage(ServerConnection server, ByteBuf message) {
            byte type = message.getByte(message.readerIndex());
            boolean idle = type == 'Z' && message.getByte(message.readerIndex() + 5) == 'I';
            message.release();
            if (type == 'E') {
                failed = true;
            } else if (type == 'Z' && --remaining == 0) {
                owner = null;
                if (idle && !failed) {
                    pool.release(ServerConnection.this);
                } else {
                    channel.close();
                }
            }
        }

        @Override
        public void onServerReadComplete(ServerConnection server) {
        }

        @Override
        public void onServerClosed(ServerConnection server) {
        }

        @Override
        public void onServerWritable(ServerConnection server) {
        }
    }
}
