package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ReplicaMonitor;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPools;
import dev.tollgate.proxy.adapters.in.pgwire.backend.SocketTransport;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.relay.QueryLimits;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL data plane: a Netty server on {@code tollgate.proxy.port} (6432 by default; 0 picks a free port)
 * started with the application. Each connection gets a {@link StartupDecoder} and a {@link ClientSession}.
 */
@Singleton
@Requires(property = "tollgate.proxy.enabled", notEquals = "false")
public final class PgWireServer {
    private static final Logger LOG = LoggerFactory.getLogger(PgWireServer.class);

    private final ResolveProxyRouteUseCase routes;
    private final CancelRegistry cancels;
    private final LiveConnections live;
    private final ProxyTls tls;
    private final ProxyMetrics metrics;
    private final ServerPools pools;
    private final QueryLimits queryLimits;
    private final ProxyUsageReporter usage;
    private final int configuredPort;
    private final String bindAddress;
    private final int threads;
    private final SocketTransport transport;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ExecutorService blocking;
    private Channel serverChannel;

    private final PendingLogins pending;
    private final FrontendLimits limits;
    private final ReplicaMonitor replicas;
    private final ResultCache results;

    PgWireServer(ResolveProxyRouteUseCase routes, CancelRegistry cancels, LiveConnections live, ProxyTls tls, ProxyMetrics metrics, ServerPools pools,
                 ProxyUsageReporter usage, PendingLogins pending, FrontendLimits limits, @Value("${tollgate.proxy.port:6432}") int port,
                 @Value("${tollgate.proxy.bind:0.0.0.0}") String bindAddress, @Value("${tollgate.proxy.threads:0}") int threads, QueryLimits queryLimits,
                 ReplicaMonitor replicas, ResultCache results, @Value("${tollgate.proxy.native-transport:true}") boolean nativeTransport) {
        this.transport = SocketTransport.choose(nativeTransport);
        this.replicas = replicas;
        this.results = results;
        // Half the cores by default: the proxy shares the machine with the HTTP API (and, when small, with PostgreSQL
        // itself), and a client and the server it borrows share a thread more often with fewer loops (ADR 0007).
        this.threads = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.routes = routes;
        this.pending = pending;
        this.limits = limits;
        this.queryLimits = queryLimits;
        this.cancels = cancels;
        this.live = live;
        this.tls = tls;
        this.metrics = metrics;
        this.pools = pools;
        this.usage = usage;
        this.configuredPort = port;
        this.bindAddress = bindAddress;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    synchronized void start() {
        if (serverChannel != null) {
            return;
        }
        boss = transport.newGroup(1, "pgwire-accept");
        workers = transport.newGroup(threads, "pgwire-loop");
        pools.start(workers);
        // Route lookups touch the control-plane database and SCRAM key derivation costs milliseconds: not on the loop.
        blocking = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "pgwire-blocking");
            t.setDaemon(true);
            return t;
        });
        serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("startup", new StartupDecoder(tls.context()));
                        ch.pipeline().addLast("session", new ClientSession(routes, cancels, live, metrics, pools, blocking, queryLimits, pending, limits,
                                replicas, results));
                    }
                })
                .bind(bindAddress, configuredPort)
                .syncUninterruptibly()
                .channel();
        LOG.info("PostgreSQL proxy listening on port {} ({} sockets)", port(), transport);
    }

    /** The sockets the proxy runs on (ADR 0062). */
    public SocketTransport transport() {
        return transport;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Stops at the start of the application's shutdown, while the beans the last usage report needs (metering, the
     * data source) still work: beans are not destroyed in dependency order.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            pools.stop();
            // Closing the loops closes every client; waiting for it ends their metered connection time before the
            // last usage report goes out.
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            blocking.shutdownNow();
            serverChannel = null;
            usage.flush();
        }
    }
}
