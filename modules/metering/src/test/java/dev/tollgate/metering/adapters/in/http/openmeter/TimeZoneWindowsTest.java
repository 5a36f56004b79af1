package dev.tollgate.metering.adapters.in.http.openmeter;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Meter windows in a time zone follow its calendar, daylight saving included: in Europe/Budapest 2026-03-29 is a
 * 23-hour day and 2026-10-25 a 25-hour one, and a month starts at local midnight. Each event sits on a window's edge,
 * one second inside or exactly on it, with a power-of-two value, so every sum names the events it holds.
 */
@MicronautTest(transactional = false)
class TimeZoneWindowsTest extends HttpTest {
    private static final String BUDAPEST = "&windowTimeZone=Europe/Budapest";
    String[] auth;

    @BeforeAll
    void eventsAroundBothChanges() {
        auth = new String[] {"Authorization", "Bearer " + signUpOwner()};
        http.post("/api/v1/meters", "{\"slug\":\"tokens\",\"aggregation\":\"SUM\",\"eventType\":\"call\",\"valueProperty\":\"$.n\"}", auth)
                .expect(201);
        List<String> events = new ArrayList<>();
        String[][] at = {
                {"2026-03-28T22:59:59Z", "1"},   // 23:59:59 CET, 28 March
                {"2026-03-28T23:00:00Z", "2"},   // 00:00:00 CET, 29 March: the 23-hour day starts
                {"2026-03-29T21:59:59Z", "4"},   // 23:59:59 CEST, 29 March: its last second
                {"2026-03-29T22:00:00Z", "8"},   // 00:00:00 CEST, 30 March
                {"2026-10-24T21:59:59Z", "16"},  // 23:59:59 CEST, 24 October
                {"2026-10-24T22:00:00Z", "32"},  // 00:00:00 CEST, 25 October: the 25-hour day starts
                {"2026-10-25T22:59:59Z", "64"},  // 23:59:59 CET, 25 October: its last second
                {"2026-10-25T23:00:00Z", "128"}, // 00:00:00 CET, 26 October
                {"2026-10-31T23:30:00Z", "256"}, // 00:30 CET on 1 November, still 31 October in UTC
        };
        for (String[] event : at) {
            events.add("""
                    {"specversion":"1.0","id":"%s","source":"dst","type":"call","subject":"s","time":"%s","data":{"n":%s}}"""
                    .formatted(event[1], event[0], event[1]));
        }
        http.post("/api/v1/events", "[" + String.join(",", events) + "]", auth[0], auth[1], "Content-Type",
                "application/cloudevents-batch+json").expect(204);
    }

    /** Each window as "start..end=value". */
    private List<String> windows(String parameters) {
        JsonNode result = http.get("/api/v1/meters/tokens/query?" + parameters, auth).expect(200).conformsTo(OPENMETER).json();
        List<String> windows = new ArrayList<>();
        result.get("data").forEach(row -> windows.add(Instant.parse(row.get("windowStart").asText()) + ".."
                + Instant.parse(row.get("windowEnd").asText()) + "=" + row.get("value").decimalValue().stripTrailingZeros().toPlainString()));
        return windows;
    }

    @Test
    void theSpringForwardDayHas23Hours() {
        assertEquals(List.of(
                        "2026-03-27T23:00:00Z..2026-03-28T23:00:00Z=1",
                        "2026-03-28T23:00:00Z..2026-03-29T22:00:00Z=6",
                        "2026-03-29T22:00:00Z..2026-03-30T22:00:00Z=8"),
                windows("windowSize=DAY&from=2026-03-27T23:00:00Z&to=2026-03-30T22:00:00Z" + BUDAPEST));
    }

    @Test
    void theFallBackDayHas25Hours() {
        assertEquals(List.of(
                        "2026-10-23T22:00:00Z..2026-10-24T22:00:00Z=16",
                        "2026-10-24T22:00:00Z..2026-10-25T23:00:00Z=96",
                        "2026-10-25T23:00:00Z..2026-10-26T23:00:00Z=128"),
                windows("windowSize=DAY&from=2026-10-23T22:00:00Z&to=2026-10-26T23:00:00Z" + BUDAPEST));
    }

    @Test
    void monthsStartAtLocalMidnight() {
        assertEquals(List.of(
                        "2026-02-28T23:00:00Z..2026-03-31T22:00:00Z=15",
                        "2026-09-30T22:00:00Z..2026-10-31T23:00:00Z=240",
                        "2026-10-31T23:00:00Z..2026-11-30T23:00:00Z=256"),
                windows("windowSize=MONTH&from=2026-02-28T23:00:00Z&to=2026-11-30T23:00:00Z" + BUDAPEST));
        // The same events in UTC: the last one is still October's, the first one March's.
        assertEquals(List.of(
                        "2026-03-01T00:00:00Z..2026-04-01T00:00:00Z=15",
                        "2026-10-01T00:00:00Z..2026-11-01T00:00:00Z=496"),
                windows("windowSize=MONTH&from=2026-03-01T00:00:00Z&to=2026-12-01T00:00:00Z"));
    }
}
