package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InsightsSelectionTest {
    @Test
    void defaultsAndTheDocumentsRanges() {
        assertEquals(new InsightsSelection(Duration.ofHours(24), 20), InsightsSelection.parse(null, null));
        assertEquals(Duration.ofHours(1), InsightsSelection.parse("1h", null).range());
        assertEquals(Duration.ofHours(6), InsightsSelection.parse("6h", null).range());
        assertEquals(Duration.ofDays(7), InsightsSelection.parse("7d", "100").range());
        assertEquals(1, InsightsSelection.parse(null, "1").limit());
    }

    @Test
    void anythingElseIsRefused() {
        for (String range : new String[] {"", "2d", "1H", "24 h", "30d"}) {
            assertEquals("range", assertThrows(ValidationException.class, () -> InsightsSelection.parse(range, null)).errors().get(0).field());
        }
        for (String limit : new String[] {"0", "101", "-1", "abc", "2.5", ""}) {
            assertEquals("limit", assertThrows(ValidationException.class, () -> InsightsSelection.parse(null, limit)).errors().get(0).field());
        }
    }
}
