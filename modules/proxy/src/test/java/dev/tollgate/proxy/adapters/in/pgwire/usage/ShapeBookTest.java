package dev.tollgate.proxy.adapters.in.pgwire.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.domain.LatencyBuckets;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.ShapeStats;
import dev.tollgate.proxy.domain.StatementKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShapeBookTest {
    private static final UUID PROJECT = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-07T12:03:30Z");
    private static final long AT_NANOS = 1_000_000_000_000L;

    private final ShapeBook book = new ShapeBook(PROJECT, new QueryShapeCache(100), 1_000);

    private static Map<String, ShapeStats> byHash(List<ShapeStats> taken) {
        return taken.stream().collect(Collectors.toMap(ShapeStats::hash, Function.identity()));
    }

    @Test
    void literalsDoNotMakeNewShapes() {
        ShapeCounters one = book.forSql("SELECT * FROM t WHERE id = 1", 10);
        assertSame(one, book.forSql("SELECT * FROM t WHERE id = 2", 10));
        assertSame(one, book.forSql("SELECT  *  FROM t WHERE id = 3 -- a comment", 10));
        assertSame(one, book.forSql("SELECT * FROM t WHERE id = 42", 10));
        assertNotSame(one, book.forSql("SELECT * FROM t WHERE name = 'x'", 10));
        assertEquals(2, book.size());
    }

    @Test
    void beyondTheTiersBoundNewShapesAreCountedAsUntracked() {
        ShapeCounters first = book.forSql("SELECT a FROM t", 2);
        ShapeCounters second = book.forSql("SELECT b FROM t", 2);
        ShapeCounters third = book.forSql("SELECT c FROM t", 2);
        ShapeCounters fourth = book.forSql("SELECT d FROM t", 2);
        assertEquals(2, book.size(), "max_query_shapes");
        assertSame(third, fourth, "both dropped: the untracked counters");
        assertSame(first, book.forSql("SELECT a FROM t", 2), "a tracked shape stays tracked");
        first.record(1_000_000, 1, 100, AT_NANOS - 10);
        second.record(2_000_000, 1, 100, AT_NANOS - 10);
        third.record(3_000_000, 0, 10, AT_NANOS - 10);
        fourth.record(4_000_000, 0, 10, AT_NANOS - 10);

        Map<String, ShapeStats> taken = byHash(book.take(AT, AT_NANOS));
        assertEquals(3, taken.size());
        ShapeStats dropped = taken.get(ShapeStats.UNTRACKED);
        assertEquals(2, dropped.calls(), "the dropped statements still count in the project's totals");
        assertEquals(7_000, dropped.latencyMicros());
        assertTrue(dropped.untracked());
    }

    @Test
    void withoutATierBoundTheNodesCeilingHolds() {
        ShapeBook small = new ShapeBook(PROJECT, new QueryShapeCache(100), 3);
        for (int i = 0; i < 10; i++) {
            small.forSql("SELECT c" + i + " FROM t", 0);
        }
        assertEquals(3, small.size());
    }

    @Test
    void aFlushTakesTheFiguresAndStartsAgain() {
        ShapeCounters shape = book.forSql("SELECT * FROM t WHERE id = 1", 0);
        shape.record(1_500_000, 1, 80, AT_NANOS - 5_000_000_000L); // 1.5 ms, five seconds before the flush
        shape.record(2_500_000, 3, 120, AT_NANOS - 1_000_000_000L);
        ShapeStats stats = book.take(AT, AT_NANOS).get(0);
        QueryShape expected = QueryShape.of("SELECT * FROM t WHERE id = 1");
        assertEquals(expected.id(), stats.hash());
        assertEquals("SELECT * FROM t WHERE id = $1", stats.pattern());
        assertEquals(StatementKind.READ, stats.kind());
        assertEquals(PROJECT, stats.projectId());
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), stats.period(), "five-minute periods");
        assertEquals(2, stats.calls());
        assertEquals(4_000, stats.latencyMicros());
        assertEquals(1.5 * 1.5 + 2.5 * 2.5, stats.latencySquares(), 1e-9);
        assertEquals(4, stats.rows());
        assertEquals(200, stats.bytes());
        assertEquals(AT.minusSeconds(5), stats.firstSeen());
        assertEquals(AT.minusSeconds(1), stats.lastSeen());
        assertEquals(2, java.util.Arrays.stream(stats.histogram()).sum());
        assertEquals(LatencyBuckets.indexOf(2_500) + 1, stats.histogram().length, "trailing empty buckets left off");
        assertTrue(book.take(AT, AT_NANOS).isEmpty(), "nothing new: nothing to write");
        shape.record(1_000, 0, 0, AT_NANOS);
        assertEquals(1, book.take(AT, AT_NANOS).get(0).calls());
    }

    @Test
    void theTextCacheKeepsOnlyTextsWithoutInlineLiterals() {
        QueryShapeCache cache = new QueryShapeCache(100);
        QueryShape parameterized = cache.shapeOf("SELECT * FROM t WHERE id = $1");
        assertSame(parameterized, cache.shapeOf("SELECT * FROM t WHERE id = $1"), "kept: it comes back verbatim");
        QueryShape inline = cache.shapeOf("SELECT * FROM t WHERE id = 7");
        assertEquals(inline, cache.shapeOf("SELECT * FROM t WHERE id = 7"), "the same shape, normalized again");
        assertNotSame(inline, cache.shapeOf("SELECT * FROM t WHERE id = 7"), "not kept: inline literals rarely repeat");
    }

    @Test
    void patternsAreCutAtFiveHundredCharacters() {
        String wide = "SELECT " + "x, ".repeat(300) + "y FROM t";
        ShapeCounters shape = book.forSql(wide, 0);
        shape.record(1_000, 0, 0, AT_NANOS);
        assertEquals(500, book.take(AT, AT_NANOS).get(0).pattern().length());
    }
}
