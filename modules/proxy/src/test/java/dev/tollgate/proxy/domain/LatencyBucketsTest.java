package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    @Test
    void everyValueFallsInABucketThatHoldsItAndIsAtMostAnEighthWide() {
        int previous = -1;
        for (long v = 0; v < 5_000_000; v += v < 1000 ? 1 : 997) {
            int i = LatencyBuckets.indexOf(v);
            assertTrue(i >= previous, "monotonic at " + v);
            previous = i;
            long upper = LatencyBuckets.upperBound(i);
            long lower = i == 0 ? 0 : LatencyBuckets.upperBound(i - 1) + 1;
            assertTrue(lower <= v && v <= upper, v + " in [" + lower + ", " + upper + "]");
            assertTrue(upper - lower + 1 <= Math.max(1, lower / 8 + 1), "width at " + v);
        }
    }

    @Test
    void smallValuesAreExactAndTheLongestCountInTheLastBucket() {
        for (int v = 0; v < 16; v++) {
            assertEquals(v, LatencyBuckets.indexOf(v));
            assertEquals(v, LatencyBuckets.upperBound(v));
        }
        assertEquals(0, LatencyBuckets.indexOf(-5));
        int hour = LatencyBuckets.indexOf(LatencyBuckets.MAX_MICROS);
        assertEquals(hour, LatencyBuckets.indexOf(Long.MAX_VALUE));
        assertTrue(hour < LatencyBuckets.COUNT);
        assertTrue(LatencyBuckets.upperBound(hour) >= LatencyBuckets.MAX_MICROS);
    }

    @Test
    void percentilesAreReadFromTheCounts() {
        long[] counts = new long[LatencyBuckets.COUNT];
        for (int i = 1; i <= 1000; i++) {
            counts[LatencyBuckets.indexOf(i * 100L)]++; // 100 µs .. 100 ms, evenly
        }
        long p50 = LatencyBuckets.valueAt(counts, 50);
        long p95 = LatencyBuckets.valueAt(counts, 95);
        long p99 = LatencyBuckets.valueAt(counts, 99);
        assertTrue(p50 >= 50_000 && p50 <= 50_000 * 9 / 8, "p50 " + p50);
        assertTrue(p95 >= 95_000 && p95 <= 95_000 * 9 / 8, "p95 " + p95);
        assertTrue(p99 >= 99_000 && p99 <= 99_000 * 9 / 8, "p99 " + p99);
        assertEquals(LatencyBuckets.upperBound(LatencyBuckets.indexOf(100_000)), LatencyBuckets.valueAt(counts, 100));
        assertEquals(0, LatencyBuckets.valueAt(new long[0], 99));
    }

    @Test
    void histogramsAddBucketByBucketWhateverTheirLength() {
        long[] a = {1, 2, 3};
        long[] b = {0, 1, 0, 0, 5};
        assertArrayEquals(new long[] {1, 3, 3, 0, 5}, LatencyBuckets.add(a, b));
        assertArrayEquals(new long[] {1, 3, 3, 0, 5}, LatencyBuckets.add(new long[] {0, 1, 0, 0, 5}, new long[] {1, 2, 3}));
        assertArrayEquals(new long[] {1, 2}, LatencyBuckets.trimmed(new long[] {1, 2, 0, 0}));
        assertArrayEquals(new long[0], LatencyBuckets.trimmed(new long[] {0, 0}));
    }
}
