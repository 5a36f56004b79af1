package dev.tollgate.proxy.domain;

/**
 * The fixed latency histogram of query insights (ADR 0057): microseconds in log-linear buckets, eight per power of two
 * (each at most 12.5 % wide), exact below 16 µs, up to an hour. Being fixed, two histograms of one shape — two flushes,
 * two nodes, two periods — add bucket by bucket, so a percentile over any range is read from their sum instead of
 * being guessed from per-period percentiles. 240 counters: small enough to keep per shape and store per row.
 */
public final class LatencyBuckets {
    /** The number of buckets: values up to 2^32 - 1 µs (71 minutes) have one; longer ones count in the last. */
    public static final int COUNT = 240;
    /** Latencies longer than an hour are recorded as an hour, as the metrics snapshots do. */
    public static final long MAX_MICROS = 3_600_000_000L;

    private LatencyBuckets() {
    }

    /** The bucket of a latency in microseconds (negative values count as 0). */
    public static int indexOf(long micros) {
        long v = Math.max(0, Math.min(MAX_MICROS, micros));
        if (v < 16) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // 4..31
        int mantissa = (int) (v >>> (exponent - 3)); // the top four bits: 8..15
        return (exponent - 3) * 8 + mantissa;
    }

    /** The largest latency (µs) a bucket holds: what a percentile falling in it is reported as, like HdrHistogram does. */
    public static long upperBound(int index) {
        if (index < 16) {
            return index;
        }
        int exponent = (index >> 3) + 2;
        int mantissa = (index & 7) + 8;
        return ((long) (mantissa + 1) << (exponent - 3)) - 1;
    }

    /**
     * The latency (µs) at or below which {@code percentile} % of the counted values lie; 0 when nothing was counted.
     * {@code counts} may be shorter than {@link #COUNT} (trailing empty buckets left off).
     */
    public static long valueAt(long[] counts, double percentile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * Math.min(100.0, Math.max(0.0, percentile)) / 100.0));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    /** Adds {@code more} into {@code into} bucket by bucket; returns the longer of the two (a new array if it had to grow). */
    public static long[] add(long[] into, long[] more) {
        long[] sum = into.length >= more.length ? into : java.util.Arrays.copyOf(into, more.length);
        for (int i = 0; i < more.length; i++) {
            sum[i] += more[i];
        }
        return sum;
    }

    /** The counts without their trailing empty buckets: what a row stores. */
    public static long[] trimmed(long[] counts) {
        int end = counts.length;
        while (end > 0 && counts[end - 1] == 0) {
            end--;
        }
        return end == counts.length ? counts : java.util.Arrays.copyOf(counts, end);
    }
}
