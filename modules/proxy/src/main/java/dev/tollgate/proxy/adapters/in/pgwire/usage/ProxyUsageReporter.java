package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.proxy.application.port.in.RecordProxyUsageUseCase;
import dev.tollgate.proxy.domain.ProxyUsage;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the data plane's usage to metering in batches, off the event loops: every
 * {@code tollgate.proxy.usage-flush-interval} (10 s by default) and once more when the proxy stops, after its clients
 * are gone. A batch that fails is kept with its ids and sent again next time, so metering's de-duplication makes the
 * retry exact: nothing is lost and nothing counts twice.
 */
@Singleton
public final class ProxyUsageReporter {
    /** Where the usage counted on this node is: one {@link UsageCounters} per database served. */
    public interface UsageSource {
        List<UsageCounters> usage();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProxyUsageReporter.class);

    private final UsageSource pools;
    private final RecordProxyUsageUseCase usage;
    private final Clock clock;
    private final List<ProxyUsage> unsent = new ArrayList<>();
    /**
     * How many unsent reports are kept while metering is down (one per database per flush: about a day for 100 busy
     * databases). Beyond it the oldest are dropped, loudly, rather than letting a long outage exhaust the heap.
     */
    private final int maxUnsent;

    public ProxyUsageReporter(UsageSource pools, RecordProxyUsageUseCase usage, Clock clock,
                       @Value("${tollgate.proxy.usage-max-unsent:100000}") int maxUnsent) {
        this.maxUnsent = maxUnsent;
        this.pools = pools;
        this.usage = usage;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.usage-flush-interval:10s}", fixedDelay = "${tollgate.proxy.usage-flush-interval:10s}")
    void onSchedule() {
        flush();
    }

    /** Reports everything counted so far; true when nothing is left unsent. */
    public synchronized boolean flush() {
        var until = clock.instant();
        long nanos = System.nanoTime();
        for (UsageCounters counters : pools.usage()) {
            ProxyUsage report = counters.report(Ulid.of(TypeId.newUuid()), until, nanos);
            if (!report.isEmpty()) {
                unsent.add(report);
            }
        }
        if (unsent.isEmpty()) {
            return true;
        }
        if (unsent.size() > maxUnsent) {
            List<ProxyUsage> dropped = unsent.subList(0, unsent.size() - maxUnsent);
            LOG.error("Metering has been unreachable too long: dropping the {} oldest proxy usage reports ({} queries, {} bytes)",
                    dropped.size(), dropped.stream().mapToLong(ProxyUsage::queries).sum(),
                    dropped.stream().mapToLong(ProxyUsage::bytesToClient).sum());
            dropped.clear();
        }
        try {
            usage.record(List.copyOf(unsent));
            unsent.clear();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not meter {} proxy usage reports; they are kept and sent again with the next flush", unsent.size(), e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        if (!flush()) {
            LOG.error("Proxy usage lost at shutdown: {} reports could not be metered", unsent.size());
        }
    }
}
