package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.context.annotation.Value;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.sql.DriverManager;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The audit log over real HTTP: what tenancy's changes record, Centrali's three audit routes, and who may read them. */
@MicronautTest(transactional = false)
class CentraliAuditContractTest extends HttpTest {
    private static final String BASE = "/workspace/api/v1/";

    @Value("${datasources.default.url}")
    String databaseUrl;

    private JsonNode activity(Account a, String query) {
        return http.get(BASE + a.orgSlug() + "/audit/activity" + query, a.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("entries").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void changesAreRecordedOnceWithActorSourceAndFieldsAndNeverASecret() {
        Account owner = Accounts.signUp(http, "Audra");
        http.put(BASE + owner.orgSlug(), "{\"name\":\"Audra Renamed\"}", owner.auth()).expect(200);
        var key = http.post("/v1/api-keys", "{\"org_id\":\"%s\",\"name\":\"ci\",\"scopes\":[\"workspaces.read\"]}".formatted(owner.orgId()),
                owner.auth()).expect(201).json();
        String keyId = key.get("id").asText();
        http.delete("/v1/api-keys/" + keyId + "?org_id=" + owner.orgSlug(), owner.auth()).expect(204);

        JsonNode page = activity(owner, "");
        assertEquals(List.of("api_key.updated", "api_key.created", "workspace.updated", "workspace.created"), types(page),
                "newest first, each change once");
        JsonNode renamed = page.get("entries").get(2);
        assertEquals("Audra Inc", renamed.get("before").get("name").asText());
        assertEquals("Audra Renamed", renamed.get("after").get("name").asText());
        assertEquals("workspace", renamed.get("resourceType").asText());
        assertEquals(owner.orgId(), renamed.get("resourceId").asText());
        assertEquals("user", renamed.get("actorType").asText());
        assertEquals("127.0.0.1", renamed.get("sourceAddress").asText());
        assertTrue(page.get("entries").get(0).get("after").get("revoked_at").isTextual(), "the revocation shows in the key's after");
        assertFalse(page.toString().contains(key.get("key").asText()), "the key's secret is never in the log");
        assertFalse(page.get("hasMore").asBoolean());
        assertTrue(page.get("nextCursor").isNull());

        // One resource's history, and the filters.
        JsonNode history = http.get(BASE + owner.orgSlug() + "/audit/api_key/" + keyId + "/history", owner.auth()).expect(200)
                .conformsTo(CENTRALI).json();
        assertEquals(List.of("api_key.updated", "api_key.created"), types(history));
        JsonNode none = http.get(BASE + owner.orgSlug() + "/audit/team/team_nothing/history", owner.auth()).expect(200).conformsTo(CENTRALI)
                .json();
        assertEquals(0, none.get("entries").size());
        assertEquals(List.of("api_key.created"), types(activity(owner, "?type=api_key.created")));
        assertEquals(List.of("workspace.updated", "workspace.created"), types(activity(owner, "?resourceType=workspace")));
        assertEquals(List.of("workspace.updated"), types(activity(owner, "?search=" + enc("renamed"))), "summary, case-insensitive");
        assertEquals(List.of("api_key.updated", "api_key.created"), types(activity(owner, "?search=" + keyId.substring(0, 12))),
                "resource id");
        assertEquals(List.of(), types(activity(owner, "?search=" + enc("100%"))), "a % is no wildcard");
        assertEquals(List.of(), types(activity(owner, "?search=" + enc("':* | !( &"))), "text-query syntax is no query");
        assertEquals(List.of("workspace.updated"), types(activity(owner, "?search=" + enc("RENAM"))), "a word's beginning, any case");
        assertEquals(List.of(), types(activity(owner, "?search=" + enc("enamed"))), "words are matched from their start");
        String actor = renamed.get("actorId").asText();
        assertEquals(4, types(activity(owner, "?actorId=" + actor)).size());
        assertEquals(0, types(activity(owner, "?actorId=someone-else")).size());
        assertEquals(4, types(activity(owner, "?dateFrom=2020-01-01&dateTo=2999-12-31")).size());
        assertEquals(0, types(activity(owner, "?dateFrom=" + enc("2999-01-01T00:00:00Z"))).size());
        String at = renamed.get("at").asText();
        assertEquals("workspace.updated", types(activity(owner, "?resourceType=workspace&dateTo=" + enc(at))).get(0),
                "dateTo includes the instant it names");
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        Account owner = Accounts.signUp(http, "Pager");
        for (int i = 0; i < 7; i++) {
            http.post("/v1/api-keys", "{\"org_id\":\"%s\",\"name\":\"k%d\",\"scopes\":[\"workspaces.read\"]}".formatted(owner.orgId(), i),
                    owner.auth()).expect(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = activity(owner, "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("entries").forEach(e -> assertTrue(seen.add(e.get("id").asText()), "no entry twice"));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertEquals(cursor != null, page.get("hasMore").asBoolean());
            pages++;
        } while (cursor != null);
        assertEquals(8, seen.size(), "7 keys and the workspace");
        assertEquals(3, pages);
    }

    @Test
    void badParametersAreRefusedInCentralisShape() {
        Account owner = Accounts.signUp(http, "Strict");
        for (String query : List.of("?limit=0", "?limit=101", "?cursor=nonsense", "?dateFrom=yesterday", "?dateTo=2026-13-01",
                "?dateFrom=2026-02-01&dateTo=2026-01-01")) {
            var refused = http.get(BASE + owner.orgSlug() + "/audit/activity" + query, owner.auth()).expect(400).conformsTo(CENTRALI);
            assertEquals(400, refused.json().get("status").asInt(), query);
        }
        http.get(BASE + owner.orgSlug() + "/audit/export?dateFrom=nope", owner.auth()).expect(400).conformsTo(CENTRALI);
    }

    @Test
    void onlyTheWorkspacesAdminsReadItsLog() {
        Account owner = Accounts.signUp(http, "Keeper");
        Account stranger = Accounts.signUp(http, "Stranger");
        Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        Account admin = Accounts.signUp(http, "Admin");
        Accounts.join(http, owner, admin, "admin");
        for (String route : List.of("/audit/activity", "/audit/export", "/audit/workspace/" + owner.orgId() + "/history")) {
            http.get(BASE + owner.orgSlug() + route).expect(401).conformsTo(CENTRALI);
            http.get(BASE + "no-such-workspace-" + UUID.randomUUID() + route, owner.auth()).expect(404).conformsTo(CENTRALI);
            http.get(BASE + owner.orgSlug() + route, stranger.auth()).expect(403).conformsTo(CENTRALI);
            http.get(BASE + owner.orgSlug() + route, member.auth()).expect(403).conformsTo(CENTRALI);
            http.get(BASE + owner.orgSlug() + route, admin.auth()).expect(200);
        }
        // Each join is in the log (the invitation, then the membership the invitee's acceptance made).
        List<String> types = types(activity(owner, "?resourceType=member"));
        assertEquals(List.of("member.created", "member.created"), types);
        String keyWithout = Accounts.apiKey(http, owner, "workspaces.read");
        http.get(BASE + owner.orgSlug() + "/audit/activity", "Authorization", "Bearer " + keyWithout).expect(403).conformsTo(CENTRALI);
        String keyWith = Accounts.apiKey(http, owner, "workspaces.read", "audit.read");
        http.get(BASE + owner.orgSlug() + "/audit/activity", "Authorization", "Bearer " + keyWith).expect(200).conformsTo(CENTRALI);
    }

    @Test
    void exportIsRfc4180CsvOfTheSameSelection() throws Exception {
        Account owner = Accounts.signUp(http, "Exporter");
        http.put(BASE + owner.orgSlug(), "{\"name\":\"=HYPERLINK(\\\"http://evil\\\"), \\\"quoted\\\"\"}", owner.auth()).expect(200);
        var csv = http.get(BASE + owner.orgSlug() + "/audit/export?resourceType=workspace", owner.auth()).expect(200).conformsTo(CENTRALI);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").contains("attachment"));
        assertTrue(csv.body().contains("\r\n"), "CRLF records");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertEquals(2, records.size());
        assertEquals("workspace.updated", records.get(0).get("type"));
        assertTrue(records.get(0).get("after").contains("=HYPERLINK"), "commas and quotes survive quoting");
        assertEquals(activity(owner, "?resourceType=workspace").get("entries").get(0).get("id").asText(), records.get(0).get("id"));
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() throws SQLException {
        Account owner = Accounts.signUp(http, "Immutable");
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres"); var s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE tenancy.audit_entries SET summary = 'forged'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM tenancy.audit_entries"));
            assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE tenancy.audit_entries"));
        }
        assertEquals("workspace.created", types(activity(owner, "")).get(0));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
