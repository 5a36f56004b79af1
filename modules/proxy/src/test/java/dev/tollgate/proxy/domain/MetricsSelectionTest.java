package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import org.junit.jupiter.api.Test;

class MetricsSelectionTest {
    @Test
    void limitDefaultsTo60AndMayBeFrom1To1000() {
        assertEquals(new MetricsSelection(60, null), MetricsSelection.parse(null, null));
        assertEquals(new MetricsSelection(1, "us-east-1"), MetricsSelection.parse("1", "us-east-1"));
        assertEquals(1000, MetricsSelection.parse("1000", null).limit());
        for (String bad : new String[] {"0", "1001", "-1", "abc", "2.5", "", "99999999999"}) {
            ValidationException e = assertThrows(ValidationException.class, () -> MetricsSelection.parse(bad, null), bad);
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
    }

    @Test
    void aBlankRegionIsRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> MetricsSelection.parse(null, " "));
        assertTrue(e.getMessage().contains("region"), e.getMessage());
    }
}
