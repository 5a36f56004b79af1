package dev.tollgate.proxy.adapters.out.network;

import dev.tollgate.platform.domain.ValidationException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream destination policy with this deployment's settings: the operator's allow-list
 * ({@code tollgate.proxy.allowed-upstreams}, CIDR blocks, {@code TOLLGATE_PROXY_ALLOWED_UPSTREAMS}) and the endpoints
 * that are never allowed ({@link ReservedEndpoints}). Names are resolved by the JVM's resolver on a small bounded pool
 * with a deadline, so a silent nameserver delays one request by at most the deadline and never piles up threads.
 */
@Singleton
final class ResolvingUpstreamDestinations implements UpstreamDestinations {
    private static final Logger LOG = LoggerFactory.getLogger(ResolvingUpstreamDestinations.class);
    private final UpstreamDestinationPolicy policy;
    private final Duration deadline;
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(1, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), runnable -> {
        Thread thread = new Thread(runnable, "tollgate-upstream-dns");
        thread.setDaemon(true);
        return thread;
    });

    ResolvingUpstreamDestinations(@Value("${tollgate.proxy.allowed-upstreams:}") List<String> allowed,
                                  @Value("${datasources.default.url:}") String controlPlaneUrl,
                                  @Value("${tollgate.proxy.upstream-resolve-timeout:5s}") Duration deadline) {
        this.deadline = deadline;
        List<CidrEntry> allowList = parseAllowed(allowed);
        this.policy = new UpstreamDestinationPolicy(allowList, ReservedEndpoints.controlPlane(controlPlaneUrl));
        if (!allowList.isEmpty()) {
            LOG.info("Upstream databases may also be in {} (tollgate.proxy.allowed-upstreams)", allowList.stream().map(CidrEntry::cidr).toList());
        }
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
        List<InetAddress> addresses = resolve(host);
        Optional<String> refusal = policy.refusal(addresses, port);
        if (refusal.isPresent()) {
            throw new Refused(refusal.get());
        }
        return addresses;
    }

    private List<InetAddress> resolve(String host) {
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> InetAddress.getAllByName(host));
        } catch (RejectedExecutionException busy) {
            throw new Refused("too many host names are being resolved at once; try again shortly");
        }
        try {
            return List.of(lookup.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new Refused("the host \"" + host + "\" did not resolve within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new Refused("the host \"" + host + "\" does not resolve");
            }
            throw new Refused("the host \"" + host + "\" could not be resolved");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("the host \"" + host + "\" could not be resolved");
        }
    }

    @PreDestroy
    void close() {
        lookups.shutdownNow();
    }
}
