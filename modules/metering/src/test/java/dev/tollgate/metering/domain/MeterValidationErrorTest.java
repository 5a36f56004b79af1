package dev.tollgate.metering.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Why an event does not count towards a meter, per aggregation and JSON type. */
class MeterValidationErrorTest {
    private static Meter meter(String aggregation, String valueProperty) {
        return Meter.define(UUID.randomUUID(), "m", "M", null, aggregation, "e", null, valueProperty, Map.of(), null, Instant.EPOCH);
    }

    @Test
    void countAcceptsEverything() {
        assertNull(meter("COUNT", null).validationError(null, null));
    }

    @Test
    void numericAggregationsNeedANumberOrANumericString() {
        Meter sum = meter("SUM", "$.n");
        assertNull(sum.validationError("number", "3"));
        assertNull(sum.validationError("string", " -2.5e3 "));
        assertEquals("meter m: the value at $.n is not a number: 'n/a'", sum.validationError("string", "n/a"));
        assertEquals("meter m: the value at $.n is not a number: a JSON boolean", sum.validationError("boolean", "true"));
        assertEquals("meter m: the event has no value at $.n", sum.validationError(null, null));
        assertEquals("meter m: the event has no value at $.n", meter("LATEST", "$.n").validationError("null", null));
    }

    @Test
    void uniqueCountTakesStringsAndNumbers() {
        Meter unique = meter("UNIQUE_COUNT", "$.user");
        assertNull(unique.validationError("string", "u1"));
        assertNull(unique.validationError("number", "7"));
        assertEquals("meter m: the value at $.user is a JSON array, not a string", unique.validationError("array", "[1]"));
    }
}
