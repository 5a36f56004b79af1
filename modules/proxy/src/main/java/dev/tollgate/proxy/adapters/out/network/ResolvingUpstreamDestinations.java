package dev.tollgate.proxy.adapters.out.network;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.UpstreamDestinationPolicy;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream destination policy with this deployment's settings: the operator's allow-list
 * ({@code tollgate.proxy.allowed-upstreams}, CIDR blocks, {@code TOLLGATE_PROXY_ALLOWED_UPSTREAMS}) and the endpoints
 * that are never allowed ({@link ReservedEndpoints}). Names are resolved by the JVM's resolver on a bounded pool with
 * a deadline, one lookup per name at a time, so a tenant's silent nameserver delays only its own connections.
 */
@Singleton
final class ResolvingUpstreamDestinations implements UpstreamDestinations {
    private static final Logger LOG = LoggerFactory.getLogger(ResolvingUpstreamDestinations.class);
    /** Rebuilt every minute: the control plane's own addresses can move (a managed database failing over). */
    private volatile UpstreamDestinationPolicy policy;
    private volatile List<UpstreamDestinationPolicy.Reserved> reserved;
    private final List<CidrEntry> allowList;
    private final String controlPlaneUrl;
    private final DataClusters clusters;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tollgate-reserved-endpoints");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration deadline;
    /** IPv4 dotted quads: parsed on the spot. (IPv6 literals go through the pool: a malformed one would be looked up.) */
    private static final Pattern LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private final ThreadPoolExecutor lookups = newLookupPool();
    private final ConcurrentHashMap<String, CompletableFuture<List<InetAddress>>> inFlight = new ConcurrentHashMap<>();

    ResolvingUpstreamDestinations(@Value("${tollgate.proxy.allowed-upstreams:}") List<String> allowed,
                                  @Value("${datasources.default.url:}") String controlPlaneUrl,
                                  @Value("${tollgate.proxy.upstream-resolve-timeout:5s}") Duration deadline, DataClusters clusters) {
        this.deadline = deadline;
        this.allowList = parseAllowed(allowed);
        this.controlPlaneUrl = controlPlaneUrl;
        this.clusters = clusters;
        this.reserved = reservedNow();
        this.policy = new UpstreamDestinationPolicy(allowList, reserved);
        refresher.scheduleWithFixedDelay(this::refreshReserved, 1, 1, TimeUnit.MINUTES);
        if (!allowList.isEmpty()) {
            LOG.info("Upstream databases may also be in {} (tollgate.proxy.allowed-upstreams)", allowList.stream().map(CidrEntry::cidr).toList());
        }
    }

    /** The control plane's and the data clusters' endpoints as their names resolve now. */
    private List<UpstreamDestinationPolicy.Reserved> reservedNow() {
        List<UpstreamDestinationPolicy.Reserved> now = new ArrayList<>(ReservedEndpoints.controlPlane(controlPlaneUrl));
        now.addAll(ReservedEndpoints.dataClusters(clusters.all()));
        return now;
    }

    /** The reserved addresses now, and the ones seen last (a server may still answer there for a while). */
    private void refreshReserved() {
        List<UpstreamDestinationPolicy.Reserved> current = reservedNow();
        List<UpstreamDestinationPolicy.Reserved> both = new ArrayList<>(current);
        reserved.stream().filter(r -> !current.contains(r)).forEach(both::add);
        policy = new UpstreamDestinationPolicy(allowList, both);
        reserved = current;
    }

    private static List<CidrEntry> parseAllowed(List<String> configured) {
        List<CidrEntry> parsed = new ArrayList<>();
        for (String entry : configured) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                parsed.add(CidrEntry.parse(parsed.size(), entry.strip(), null));
            } catch (ValidationException e) {
                throw new IllegalArgumentException("tollgate.proxy.allowed-upstreams: '" + entry + "' is not an IP address or CIDR block");
            }
        }
        return parsed;
    }

    @Override
    public List<InetAddress> resolveAllowed(String host, int port) {
        try {
            return resolveAllowedAsync(host, port).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Refused refused ? refused : new Refused("the host \"" + host + "\" could not be resolved");
        }
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolveAllowedAsync(String host, int port) {
        return resolve(host).thenApply(resolved -> {
            List<InetAddress> addresses = resolved.stream().map(UpstreamDestinationPolicy::canonical).toList();
            Optional<String> refusal = policy.refusal(addresses, port);
            if (refusal.isPresent()) {
                throw new Refused(refusal.get());
            }
            return addresses;
        });
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolveConfiguredAsync(String host) {
        return resolve(host).thenApply(resolved -> resolved.stream().map(UpstreamDestinationPolicy::canonical).toList());
    }

    /**
     * An address literal needs no lookup. A name is looked up once however many connections ask at the same moment
     * (they share the lookup), on a bounded pool, with a deadline.
     */
    private CompletableFuture<List<InetAddress>> resolve(String host) {
        if (LITERAL.matcher(host).matches()) {
            if (!validQuad(host)) {
                // The JDK would look a malformed quad up as a name, on the calling thread.
                return CompletableFuture.failedFuture(new Refused("\"" + host + "\" is not a valid address"));
            }
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host))); // parsed, never looked up
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(new Refused("\"" + host + "\" is not a valid address"));
            }
        }
        CompletableFuture<List<InetAddress>> shared = inFlight.computeIfAbsent(host, this::startLookup);
        shared.whenComplete((addresses, error) -> inFlight.remove(host, shared));
        return shared;
    }

    private CompletableFuture<List<InetAddress>> startLookup(String name) {
        CompletableFuture<List<InetAddress>> lookup;
        try {
            lookup = CompletableFuture.supplyAsync(() -> lookUp(name), lookups);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new Refused("too many host names are being resolved at once; try again shortly"));
        }
        return lookup.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new Refused("the host \"" + name + "\" did not resolve within " + deadline.toSeconds() + " s") : cause);
        });
    }

    private static boolean validQuad(String host) {
        for (String octet : host.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static List<InetAddress> lookUp(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new Refused("the host \"" + host + "\" does not resolve");
        }
    }

    /** 16 threads that may all run (a core that equals the maximum; idle ones end), and a bounded queue. */
    private static ThreadPoolExecutor newLookupPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "tollgate-upstream-dns");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
        lookups.shutdownNow();
    }
}
