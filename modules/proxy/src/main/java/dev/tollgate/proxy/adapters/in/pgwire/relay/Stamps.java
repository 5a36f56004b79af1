package dev.tollgate.proxy.adapters.in.pgwire.relay;

/**
 * A first-in first-out queue of {@code System.nanoTime()} stamps, one client's, on its event loop: a ring of longs that
 * grows (rarely: only past the deepest pipeline the client has sent) instead of allocating per query.
 */
final class Stamps {
    private long[] ring = new long[8];
    private int head;
    private int size;

    void add(long stamp) {
        if (size == ring.length) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = stamp;
        size++;
    }

    /** The oldest stamp, removed; 0 when there is none (a caller that lost track measures nothing rather than failing). */
    long poll() {
        if (size == 0) {
            return 0;
        }
        long stamp = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return stamp;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
