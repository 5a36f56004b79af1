package dev.tollgate.proxy.adapters.in.pgwire.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StampsTest {
    @Test
    void firstInFirstOutAcrossGrowthAndWrapping() {
        Stamps stamps = new Stamps();
        long next = 1;
        long expected = 1;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < round % 20; i++) {
                stamps.add(next++);
            }
            for (int i = 0; i < round % 7 && !stamps.isEmpty(); i++) {
                assertEquals(expected++, stamps.poll());
            }
        }
        while (!stamps.isEmpty()) {
            assertEquals(expected++, stamps.poll());
        }
        assertEquals(next, expected);
        assertEquals(0, stamps.poll(), "none left");
        stamps.add(5);
        stamps.clear();
        assertTrue(stamps.isEmpty());
    }
}
