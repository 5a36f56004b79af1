package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowanceIndexTest {
    static final FeatureAllowance TEN = new FeatureAllowance(true, 10L, 3, false);

    @Test
    void anEntryIsAnsweredUntilItsTime() {
        AllowanceIndex index = new AllowanceIndex();
        index.slot("org_a").putIfCurrent("posts", TEN, 500, 1_000, 0);
        assertEquals(TEN, index.find("org_a", "posts", 999).allowance());
        assertFalse(index.find("org_a", "posts", 499).staleAt(499));
        assertTrue(index.find("org_a", "posts", 500).staleAt(500), "still answered, but due for a reload");
        assertNull(index.find("org_a", "posts", 1_000), "out of date at its time");
        assertNull(index.find("org_a", "other", 0));
        assertNull(index.find("org_b", "posts", 0));
    }

    @Test
    void forgettingACustomerDetachesLoadsThatBeganBefore() {
        AllowanceIndex index = new AllowanceIndex();
        AllowanceIndex.Slot before = index.slot("org_a");
        index.forget("org_a");
        before.putIfCurrent("posts", TEN, Long.MAX_VALUE, Long.MAX_VALUE, before.version()); // a load that read the old state finishes after the change
        assertNull(index.find("org_a", "posts", 0), "the stale load is not remembered");
        AllowanceIndex.Slot slot = index.slot("org_a");
        long readAt = slot.version();
        index.forget("org_a", "posts"); // usage recorded while a load of the feature was under way
        slot.putIfCurrent("posts", TEN, Long.MAX_VALUE, Long.MAX_VALUE, readAt);
        assertNull(index.find("org_a", "posts", 0), "the load that read before the recording is not remembered");
        slot.putIfCurrent("posts", TEN, Long.MAX_VALUE, Long.MAX_VALUE, slot.version());
        assertEquals(TEN, index.find("org_a", "posts", 0).allowance());
        assertEquals(1, index.customers());
    }
}
