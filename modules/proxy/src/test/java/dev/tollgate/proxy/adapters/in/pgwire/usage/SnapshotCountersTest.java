package dev.tollgate.proxy.adapters.in.pgwire.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.domain.MetricsSnapshot;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The metrics snapshot figures: differences since the last snapshot, averages from sums, p99 of the interval only. */
class SnapshotCountersTest {
    private final UUID project = UUID.randomUUID();
    private final SnapshotCounters counters = new SnapshotCounters(project);
    private final Instant at = Instant.parse("2026-12-07T11:20:42.5Z");

    @Test
    void nothingToTellIsNoSnapshot() {
        assertNull(counters.take("ms_1", at, 0));
    }

    @Test
    void figuresAreTheDifferencesSinceTheLastSnapshot() {
        for (int i = 1; i <= 100; i++) {
            counters.query();
            // received at 0, sent upstream at 1 ms, answered at i ms
            counters.answered(0, 1_000_000, i * 1_000_000L);
        }
        counters.acquired(0);
        counters.acquired(4_000_000);

        MetricsSnapshot first = counters.take("ms_1", at, 3);
        assertNotNull(first);
        assertEquals(project, first.projectId());
        assertEquals(Instant.parse("2026-12-07T11:20:00Z"), first.minute(), "booked to its minute");
        assertEquals(at, first.createdAt());
        assertEquals(100, first.queries());
        assertEquals(0, first.cacheHits());
        assertEquals(100, first.cacheMisses(), "no result cache: every query is forwarded");
        assertEquals(3, first.activeConnections());
        assertEquals(50.5, first.avgLatencyMs(), 1e-9);
        assertEquals(49.5, first.avgQueryMs(), 1e-9);
        assertEquals(2.0, first.avgConnectMs(), 1e-9);
        assertEquals(99.0, first.p99LatencyMs(), 1.0, "2 significant digits");

        counters.query();
        counters.answered(0, 0, 2_000_000);
        MetricsSnapshot second = counters.take("ms_2", at.plusSeconds(60), 3);
        assertEquals(1, second.queries());
        assertEquals(2.0, second.avgLatencyMs(), 1e-9);
        assertEquals(2.0, second.p99LatencyMs(), 0.02, "the interval's latencies only");
        assertEquals(0, second.avgConnectMs());
    }

    @Test
    void aProjectWhoseClientsLeftGetsOneLastSnapshotSayingSo() {
        assertNotNull(counters.take("ms_1", at, 2), "connections open, no traffic: still reported");
        MetricsSnapshot gone = counters.take("ms_2", at, 0);
        assertNotNull(gone);
        assertEquals(0, gone.activeConnections());
        assertEquals(0, gone.queries());
        assertEquals(0, gone.avgLatencyMs());
        assertNull(counters.take("ms_3", at, 0));
    }

    @Test
    void latenciesBeyondTheHistogramCountAsItsMaximum() {
        counters.query();
        counters.answered(0, 0, 2 * 3_600_000_000_000L);
        MetricsSnapshot s = counters.take("ms_1", at, 0);
        assertTrue(s.p99LatencyMs() >= 3_590_000, String.valueOf(s.p99LatencyMs()));
        assertEquals(7_200_000.0, s.avgLatencyMs(), 1e-6, "the average keeps the real figure");
    }
}
