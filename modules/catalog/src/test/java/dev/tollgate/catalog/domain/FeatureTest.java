package dev.tollgate.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A feature's definition, checked against its meter, and archiving. */
class FeatureTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123456789Z");
    private static final MeterReference TOKENS = new MeterReference("tokens", "SUM", Set.of("model"));

    private static Feature.Inputs inputs(String meterSlug, Map<String, String> filters, Map<String, Object> unitCost) {
        return new Feature.Inputs("gpt_tokens", "GPT tokens", null, meterSlug, filters, null, unitCost);
    }

    private static List<String> fields(Runnable definition) {
        return assertThrows(ValidationException.class, definition::run).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aMeteredFeatureKeepsItsDefinitionWithMicrosecondTimes() {
        Feature f = Feature.define(UUID.randomUUID(), inputs("tokens", Map.of("model", "gpt"), Map.of("type", "manual", "amount", "0.002")),
                TOKENS, NOW);
        assertEquals("tokens", f.meterSlug());
        assertEquals(Instant.parse("2026-11-27T10:00:00.123456Z"), f.createdAt());
        assertNull(f.archivedAt());
        Feature archived = f.archived(NOW.plusSeconds(60));
        assertEquals(Instant.parse("2026-11-27T10:01:00.123456Z"), archived.archivedAt()); // the archiving instant, to the microsecond
        assertEquals(archived.archivedAt(), archived.updatedAt());
        assertEquals(f.createdAt(), archived.createdAt());
    }

    @Test
    void theMeterMustSupportFeaturesAndOwnTheFilteredKeys() {
        assertEquals(List.of("meterSlug"), fields(() -> Feature.define(UUID.randomUUID(), inputs("tokens", null, null),
                new MeterReference("tokens", "AVG", Set.of()), NOW)));
        assertEquals(List.of("meterSlug"), fields(() -> Feature.define(UUID.randomUUID(), inputs("missing", null, null), null, NOW)));
        assertEquals(List.of("meterGroupByFilters.region"), fields(() -> Feature.define(UUID.randomUUID(),
                inputs("tokens", Map.of("region", "eu"), null), TOKENS, NOW)));
        assertEquals(List.of("meterSlug"), fields(() -> Feature.define(UUID.randomUUID(), inputs(null, Map.of("model", "gpt"), null), null, NOW)));
    }

    @Test
    void unitCostsAreManualOrLlm() {
        assertEquals(List.of("unitCost.amount"), fields(() -> Feature.define(UUID.randomUUID(),
                inputs(null, null, Map.of("type", "manual", "amount", "lots")), null, NOW)));
        assertEquals(List.of("unitCost.provider", "unitCost.tokenType"), fields(() -> Feature.define(UUID.randomUUID(),
                inputs(null, null, Map.of("type", "llm", "model", "gpt-4")), null, NOW)));
        Feature llm = Feature.define(UUID.randomUUID(), inputs(null, null,
                Map.of("type", "llm", "providerProperty", "$.provider", "modelProperty", "$.model", "tokenType", "input")), null, NOW);
        assertEquals("llm", llm.unitCost().get("type"));
    }
}
