package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ReplicaMonitor;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPools;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.StartupDecoder.Cancel;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.StartupDecoder.Startup;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ClientRelay;
import dev.tollgate.proxy.adapters.in.pgwire.relay.QueryLimits;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.adapters.in.pgwire.usage.UsageCounters;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.ConnectionRefused;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection from startup to login: routes it to a project and database, authenticates it with
 * SCRAM-SHA-256 against the registered credentials ({@link ScramLogin}), then hands it to a {@link ClientRelay} on the
 * database's {@link ServerPool}. Route lookup and key derivation run on {@code blocking}, never on the event loop.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private enum State { STARTUP, RESOLVING, SASL_INITIAL, SASL_FINAL, RELAY, CLOSED }

    private final ResolveProxyRouteUseCase routes;
    private final CancelRegistry cancels;
    private final LiveConnections live;
    private final ProxyMetrics metrics;
    private final ServerPools pools;
    private final ReplicaMonitor replicas;
    private final ResultCache results;
    private final Executor blocking;
    private final ClientRelay[] relayRef = new ClientRelay[1];
    private final QueryLimits queryLimits;
    /** The tier limits of the project's organization, held in memory and checked before every query. */
    private dev.tollgate.proxy.domain.OrganizationQuota quota;
    private boolean admitted;
    private long startedNanos;
    private State state = State.STARTUP;
    private Map<String, String> parameters;
    private String user;
    private ProxyRoute route;
    private ScramLogin scram;
    private CancelRegistry.Key cancelKey;
    /** Set while the client is logged in: its connection time is metered from then until it leaves. */
    private UsageCounters connectionUsage;

    private final PendingLogins pending;
    private final FrontendLimits limits;
    /** Set while this connection counts as a pending login (from connect until it is logged in or gone). */
    private InetAddress pendingFrom;
    private ScheduledFuture<?> loginTimeout;

    ClientSession(ResolveProxyRouteUseCase routes, CancelRegistry cancels, LiveConnections live, ProxyMetrics metrics,
                  ServerPools pools, Executor blocking, QueryLimits queryLimits, PendingLogins pending, FrontendLimits limits,
                  ReplicaMonitor replicas, ResultCache results) {
        this.replicas = replicas;
        this.results = results;
        this.pending = pending;
        this.limits = limits;
        this.queryLimits = queryLimits;
        this.pools = pools;
        this.routes = routes;
        this.cancels = cancels;
        this.live = live;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress from = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (!pending.enter(from)) {
            refuse(ctx, "53300", "too many connections are logging in; try again shortly");
            return;
        }
        pendingFrom = from;
        loginTimeout = ctx.executor().schedule(() -> {
            if (state != State.RELAY) {
                refuse(ctx, "08P01", "authentication timed out after " + limits.loginTimeout.toSeconds() + " s");
            }
        }, limits.loginTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    /** The connection stops counting as a pending login: it logged in, or it is gone. */
    private void loginOver() {
        if (loginTimeout != null) {
            loginTimeout.cancel(false);
            loginTimeout = null;
        }
        if (pendingFrom != null) {
            pending.leave(pendingFrom);
            pendingFrom = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Startup startup) {
            onStartup(ctx, startup.parameters());
        } else if (msg instanceof Cancel cancel) {
            forwardCancel(ctx, cancel);
            ctx.close();
        } else {
            ByteBuf frame = (ByteBuf) msg;
            try {
                onAuthFrame(ctx, frame);
            } finally {
                frame.release();
            }
        }
    }

    private void onStartup(ChannelHandlerContext ctx, Map<String, String> startup) {
        startedNanos = System.nanoTime();
        parameters = startup;
        String rawUser = startup.get("user");
        if (rawUser == null || rawUser.isEmpty()) {
            refuse(ctx, "28000", "no PostgreSQL user name specified in startup packet");
            return;
        }
        if (startup.containsKey("replication")) {
            refuse(ctx, "0A000", "replication connections are not supported through the proxy");
            return;
        }
        ProjectRouting.Target target = ProjectRouting.from(rawUser, startup.get("options"));
        String sniHost = ProjectRouting.sniHost(ctx);
        user = target.user();
        String database = startup.getOrDefault("database", user);
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        state = State.RESOLVING;
        blocking.execute(() -> {
            ProxyRoute resolved;
            dev.tollgate.proxy.domain.OrganizationQuota limits;
            try {
                resolved = routes.resolve(target.projectId(), sniHost, database, target.user(), target.bouncer(), client.getAddress());
                limits = queryLimits.quotaOf(resolved.organizationId());
            } catch (ConnectionRefused refused) {
                ctx.executor().execute(() -> refuse(ctx, refused.sqlState(), refused.getMessage()));
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not resolve a route for project {} / host {}", target.projectId(), sniHost, e);
                ctx.executor().execute(() -> refuse(ctx, "XX000", "internal error while routing the connection"));
                return;
            }
            ctx.executor().execute(() -> onRouted(ctx, resolved, limits));
        });
    }

    private void onRouted(ChannelHandlerContext ctx, ProxyRoute resolved, dev.tollgate.proxy.domain.OrganizationQuota limits) {
        if (state != State.RESOLVING) {
            return;
        }
        route = resolved;
        quota = limits;
        metrics.projectSeen(resolved.projectId());
        scram = new ScramLogin(resolved.secret());
        state = State.SASL_INITIAL;
        ctx.writeAndFlush(scram.offer(ctx.alloc()));
    }

    private void onAuthFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        char type = (char) frame.readByte();
        frame.skipBytes(4);
        if (type == 'X') {
            ctx.close();
            return;
        }
        if (type != 'p' || (state != State.SASL_INITIAL && state != State.SASL_FINAL)) {
            refuse(ctx, "08P01", "unexpected message '" + type + "' during authentication");
            return;
        }
        if (state == State.SASL_INITIAL) {
            String serverFirst = scram.first(frame);
            if (serverFirst == null) {
                refuse(ctx, "08P01", "malformed SCRAM-SHA-256 authentication message");
                return;
            }
            state = State.SASL_FINAL;
            ctx.writeAndFlush(PgWire.authentication(ctx.alloc(), 11, serverFirst.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        String serverFinal = scram.last(frame);
        if (serverFinal == null || !user.equals(route.username())) {
            refuse(ctx, "28P01", "password authentication failed for user \"" + user + "\"");
            return;
        }
        // Only an authenticated client counts against max_connections: strangers cannot lock the project's users out.
        // The tier's connection limit is in force as soon as it changes; the project's own figure applies without one.
        int tierMax = quota.limits().maxConnections();
        int maxConnections = tierMax > 0 ? tierMax : route.maxConnections();
        if (!live.admit(route.projectId(), ctx.channel(), maxConnections)) {
            refuse(ctx, "53300", "too many connections for this project (max_connections " + maxConnections
                    + (tierMax > 0 ? " on the " + quota.limits().tier() + " plan" : "") + ")");
            return;
        }
        admitted = true;
        ctx.write(PgWire.authentication(ctx.alloc(), 12, serverFinal.getBytes(StandardCharsets.UTF_8)));
        state = State.RELAY;
        loginOver();
        ServerPool pool = pools.pool(route);
        connectionUsage = pool.stats().usage();
        connectionUsage.connected(System.nanoTime());
        ClientRelay relay = new ClientRelay(ctx.channel(), pool, pools::pool, replicas, results, parameters, metrics,
                queryLimits.admission(quota, route.projectId()), () -> {
            cancelKey = cancels.register(relayRef[0]::cancelTarget);
            ctx.write(PgWire.backendKeyData(ctx.alloc(), cancelKey.processId(), cancelKey.secretKey()));
            metrics.login(route.projectId(), java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
        });
        relayRef[0] = relay;
        ctx.pipeline().addBefore("session", "relay", relay);
        relay.login();
        // Logged in: messages may now be as large as the operator allows (queries, COPY data, large parameters). Last,
        // because the new decoder passes on at once what the client already sent behind its password (to the relay).
        if (!limits.idleTimeout.isZero()) {
            ctx.pipeline().addBefore("frames", "idle", new IdleStateHandler(0, 0, limits.idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        ctx.pipeline().replace("frames", "frames", new LengthFieldBasedFrameDecoder(limits.maxMessageSize, 1, 4, -4, 0, true));
    }

    private void forwardCancel(ChannelHandlerContext ctx, Cancel cancel) {
        CancelForwarding.forward(ctx.channel().eventLoop(), cancels.find(cancel.processId(), cancel.secretKey()));
    }

    /** Turns a client away before it is logged in: counted as a refusal. */
    private void refuse(ChannelHandlerContext ctx, String sqlState, String message) {
        if (state != State.CLOSED) {
            metrics.refused(sqlState);
            hangUp(ctx, sqlState, message);
        }
    }

    /** Says why in a FATAL ErrorResponse, then closes; at most once. */
    private void hangUp(ChannelHandlerContext ctx, String sqlState, String message) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ctx.writeAndFlush(PgWire.fatal(ctx.alloc(), sqlState, message)).addListener(ChannelFutureListener.CLOSE);
    }

    /** A logged-in client silent past the idle timeout is let go, unless it is waiting for an answer (a long query). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && state == State.RELAY && relayRef[0] != null && relayRef[0].idle()) {
            hangUp(ctx, "08P01", "client_idle_timeout: the connection was idle for " + limits.idleTimeout.toSeconds() + " s");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loginOver();
        cancels.forget(cancelKey);
        if (admitted) {
            live.release(route.projectId(), ctx.channel());
        }
        if (connectionUsage != null) {
            connectionUsage.disconnected(System.nanoTime());
            connectionUsage = null;
        }
        state = State.CLOSED;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            // Said in the protocol, as PostgreSQL does, rather than a silent hang-up.
            if (state == State.RELAY) {
                hangUp(ctx, "08P01", "invalid message length: the limit is " + limits.maxMessageSize
                        + " bytes (tollgate.proxy.max-message-size)");
            } else {
                refuse(ctx, "08P01", "invalid message length: the limit is " + PgWire.MAX_AUTH_MESSAGE_LENGTH + " bytes before login");
            }
            return;
        }
        LOG.debug("Client connection failed", cause);
        ctx.close();
    }
}
