package dev.tollgate.metering.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Metering's export source writes what OpenMeter's API created for one organization only, every event once in time
 * order across keyset pages, and never a portal token's secret.
 */
@MicronautTest(transactional = false)
class MeteringExportSourceTest extends HttpTest {
    /** More than one keyset page, with many events at the same instant so the page boundary falls among equal times. */
    private static final int EVENTS = JdbcMeteringExportSource.EVENT_PAGE + 50;
    @Inject
    List<WorkspaceExportSource> sources;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper json;

    @Test
    void exportsTheOrganizationsMetersSubjectsTokensAndEveryEventOnce() throws Exception {
        Account ours = Accounts.signUp(http, "Exporter");
        Account theirs = Accounts.signUp(http, "Neighbour");
        String meterId = http.post("/api/v1/meters", "{\"slug\":\"calls\",\"name\":\"Calls\",\"aggregation\":\"SUM\",\"eventType\":\"call\","
                + "\"valueProperty\":\"$.n\",\"groupBy\":{\"region\":\"$.region\"}}", ours.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/meters", "{\"slug\":\"theirs\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", theirs.auth()).expect(201);
        http.post("/api/v1/subjects", "[{\"key\":\"alice\",\"displayName\":\"Alice\"}]", ours.auth()).expect(200);
        http.post("/api/v1/subjects", "[{\"key\":\"mallory\"}]", theirs.auth()).expect(200);
        String secret = http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"allowedMeterSlugs\":[\"calls\"]}", ours.auth())
                .expect(200).json().get("token").asText();
        http.post("/api/v1/events", batch("ours", EVENTS), batchOf(ours)).expect(204);
        http.post("/api/v1/events", batch("theirs", 3), batchOf(theirs)).expect(204);

        Map<String, List<Map<String, ?>>> export = export(ours);

        Map<String, ?> meter = single(export.get("meters"));
        assertEquals("calls", meter.get("slug"));
        assertEquals("SUM", meter.get("aggregation"));
        assertEquals(Map.of("region", "$.region"), meter.get("groupBy"));
        assertEquals(meterId, meter.get("id"), "the id OpenMeter's API shows");
        assertNull(meter.get("deletedAt"));
        assertEquals("Alice", single(export.get("subjects")).get("displayName"));
        Map<String, ?> token = single(export.get("portal_tokens"));
        assertEquals(List.of("calls"), token.get("allowedMeterSlugs"));

        List<Map<String, ?>> events = export.get("events");
        assertEquals(EVENTS, events.size());
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add((String) e.get("id")));
        assertEquals(EVENTS, ids.size(), "each event once across the pages");
        List<String> times = new ArrayList<>();
        events.forEach(e -> times.add(e.get("time").toString()));
        assertEquals(times.stream().sorted().toList(), times, "oldest first");
        Map<?, ?> data = (Map<?, ?>) events.stream().filter(e -> e.get("id").equals("ours-7")).findFirst().orElseThrow().get("data");
        assertEquals(7, ((Number) data.get("n")).intValue(), "the data as the JSON object it was: " + data);
        assertEquals("eu", data.get("region"));

        String text = json.writeValueAsString(export);
        assertFalse(text.contains("theirs") || text.contains("mallory"), "nothing of another organization");
        assertFalse(text.contains(secret), "never a portal token's secret");
    }

    /** Events {@code <prefix>-0..n-1}: half at one instant, the rest a second apart, so times repeat and differ. */
    private static String batch(String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String time = i % 2 == 0 ? "2026-11-02T10:00:00Z" : java.time.Instant.parse("2026-11-02T10:00:00Z").plusSeconds(i).toString();
            events.add("""
                    {"specversion":"1.0","id":"%s-%d","source":"export-test","type":"call","subject":"alice","time":"%s","data":{"n":%d,"region":"eu"}}"""
                    .formatted(prefix, i, time, i));
        }
        return "[" + String.join(",", events) + "]";
    }

    private static String[] batchOf(Account account) {
        return new String[] {account.auth()[0], account.auth()[1], "Content-Type", "application/cloudevents-batch+json"};
    }

    private Map<String, List<Map<String, ?>>> export(Account account) {
        WorkspaceExportSource metering = sources.stream().filter(s -> s.section().equals("metering")).findFirst().orElseThrow();
        Map<String, List<Map<String, ?>>> export = new java.util.LinkedHashMap<>();
        transactions.executeRead(status -> {
            metering.resources().forEach(resource -> {
                List<Map<String, ?>> records = new ArrayList<>();
                metering.write(TypeId.parse("org", account.orgId()), resource, records::add);
                export.put(resource, records);
            });
            return null;
        });
        return export;
    }

    private static Map<String, ?> single(List<Map<String, ?>> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }
}
