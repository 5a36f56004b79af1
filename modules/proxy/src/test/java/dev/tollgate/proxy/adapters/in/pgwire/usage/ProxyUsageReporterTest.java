package dev.tollgate.proxy.adapters.in.pgwire.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.backend.BackendFixtures;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPools;
import dev.tollgate.proxy.application.port.in.RecordProxyUsageUseCase;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.ProxyUsage;
import dev.tollgate.proxy.domain.SslMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The usage reports between the data plane and metering: differences only, and a failed batch resent as it was. */
class ProxyUsageReporterTest {
    private final List<List<ProxyUsage>> delivered = new ArrayList<>();
    /** Every batch metering was handed, delivered or not. */
    private final List<List<ProxyUsage>> attempted = new ArrayList<>();
    private boolean meteringDown;
    private final RecordProxyUsageUseCase metering = reports -> {
        attempted.add(List.copyOf(reports));
        if (meteringDown) {
            throw new IllegalStateException("metering is down");
        }
        delivered.add(reports);
    };
    private final ServerPools pools = BackendFixtures.pools(new ProxyMetrics(new SimpleMeterRegistry(), projectId -> 0),
            Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1));
    private final ProxyUsageReporter reporter = new ProxyUsageReporter(pools, metering, Clock.systemUTC(), 3);

    private PoolStats database() {
        ProxyRoute route = new ProxyRoute(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "127.0.0.1", 5432, "app", "app",
                "secret", SslMode.DISABLE, 0, 100, 10, 0, 10, PoolMode.TRANSACTION, null);
        return pools.pool(route).stats();
    }

    @Test
    void eachReportCarriesWhatWasCountedSinceThePreviousOne() {
        PoolStats stats = database();
        stats.query();
        stats.query();
        stats.sentToClient(100);
        assertTrue(reporter.flush());
        stats.query();
        assertTrue(reporter.flush());
        assertTrue(reporter.flush()); // nothing new: nothing sent

        assertEquals(2, delivered.size());
        assertEquals(2, delivered.get(0).get(0).queries());
        assertEquals(100, delivered.get(0).get(0).bytesToClient());
        assertEquals(1, delivered.get(1).get(0).queries());
        assertEquals(0, delivered.get(1).get(0).bytesToClient());
    }

    @Test
    void aFailedBatchIsResentWithTheSameIdsAlongsideNewCounts() {
        PoolStats stats = database();
        stats.query();
        meteringDown = true;
        assertFalse(reporter.flush());
        stats.query();
        stats.query();
        meteringDown = false;
        assertTrue(reporter.flush());

        assertEquals(2, attempted.size());
        List<ProxyUsage> failed = attempted.get(0);
        assertEquals(1, failed.size());
        List<ProxyUsage> batch = delivered.get(0);
        assertEquals(2, batch.size());
        assertEquals(failed.get(0), batch.get(0), "the failed report is resent as it was, id and counts");
        assertEquals(failed.get(0).id(), batch.get(0).id(), "same id: metering's de-duplication makes the retry exact");
        assertEquals(1, batch.get(0).queries());
        assertEquals(2, batch.get(1).queries());
        assertNotEquals(batch.get(0).id(), batch.get(1).id(), "the new counts are a new report");
    }

    @Test
    void aLongOutageKeepsOnlyTheNewestReports() {
        PoolStats stats = database();
        meteringDown = true;
        for (int flush = 1; flush <= 5; flush++) {
            for (int q = 0; q < flush; q++) {
                stats.query();
            }
            assertFalse(reporter.flush());
        }
        meteringDown = false;
        assertTrue(reporter.flush());
        // At most 3 kept: the reports of flushes 3, 4 and 5.
        assertEquals(List.of(3L, 4L, 5L), delivered.get(0).stream().map(ProxyUsage::queries).toList());
    }

    @Test
    void connectionTimeAccruesWhileClientsAreConnected() {
        UsageCounters usage = database().usage();
        long t0 = 1_000_000_000L;
        usage.connected(t0);
        usage.connected(t0 + 500_000_000L);
        // Two clients: 0.5 s alone, then 1 s together, then the first leaves and the second stays 0.25 s more.
        usage.disconnected(t0 + 1_500_000_000L);
        ProxyUsage report = usage.report("r1", java.time.Instant.EPOCH, t0 + 1_750_000_000L);
        assertEquals(500 + 2 * 1000 + 250, report.connectionMillis());
        usage.disconnected(t0 + 2_000_000_000L);
        assertEquals(250, usage.report("r2", java.time.Instant.EPOCH, t0 + 3_000_000_000L).connectionMillis());
    }
}
