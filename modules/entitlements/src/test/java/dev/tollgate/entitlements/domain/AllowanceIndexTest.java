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
        index.slot("org_a").put("posts", TEN, 500, 1_000);
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
        before.put("posts", TEN, Long.MAX_VALUE, Long.MAX_VALUE); // a load that read the old state finishes after the change
        assertNull(index.find("org_a", "posts", 0), "the stale load is not remembered");
        index.slot("org_a").put("posts", TEN, Long.MAX_VALUE, Long.MAX_VALUE);
        index.forget("org_a", "posts");
        assertNull(index.find("org_a", "posts", 0));
        assertEquals(1, index.customers());
    }
}
