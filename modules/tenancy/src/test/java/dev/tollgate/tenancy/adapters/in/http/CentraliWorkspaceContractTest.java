package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Centrali's workspace lifecycle over real HTTP, validated against centrali-workspace.json. */
@MicronautTest(transactional = false)
class CentraliWorkspaceContractTest extends HttpTest {
    private static final String BASE = "/workspace/api/v1";

    private record Created(String slug, String token) {
        String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    private Created create(String name) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        var created = http.post(BASE, """
                {"name":"%s","email":"%s","username":"owner","password":"a long enough password","passwordConfirmation":"a long enough password","description":"test"}
                """.formatted(name, email)).expect(201).conformsTo(CENTRALI);
        return new Created(created.json().get("workspace").get("slug").asText(), created.json().get("auth_token").asText());
    }

    @Test
    void workspaceIsCreatedReadUpdatedDeletedAndRestored() {
        Created ws = create("Northwind");
        var read = http.get(BASE + "/" + ws.slug(), ws.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals("test", read.json().get("description").asText());
        var updated = http.put(BASE + "/" + ws.slug(), "{\"name\":\"Northwind Traders\"}", ws.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals("Northwind Traders", updated.json().get("name").asText());

        // Centrali lets a user delete their only workspace: the grace period and restore protect it.
        var deleted = http.post(BASE + "/" + ws.slug() + "/delete", null, ws.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals(30, deleted.json().get("grace_period_days").asInt());
        assertEquals(ws.slug(), deleted.json().get("workspace_slug").asText());
        // The deadline is the deletion plus the grace period, not merely some text.
        Instant deletedAt = Instant.parse(deleted.json().get("deleted_at").asText());
        assertEquals(deletedAt.plus(Duration.ofDays(30)), Instant.parse(deleted.json().get("restore_deadline").asText()));
        http.get(BASE + "/" + ws.slug(), ws.auth()).expect(404).conformsTo(CENTRALI);
        http.delete(BASE + "/" + ws.slug(), ws.auth()).expect(404).conformsTo(CENTRALI);

        var restored = http.post(BASE + "/" + ws.slug() + "/restore", null, ws.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals("active", restored.json().get("status").asText());
        assertEquals(ws.slug(), restored.json().get("workspace_slug").asText());
        http.get(BASE + "/" + ws.slug(), ws.auth()).expect(200).conformsTo(CENTRALI);
        http.post(BASE + "/" + ws.slug() + "/restore", null, ws.auth()).expect(400).conformsTo(CENTRALI);

        http.delete(BASE + "/" + ws.slug(), ws.auth()).expect(200).conformsTo(CENTRALI);
    }

    @Test
    void operationalRoutesAnswer() {
        http.get(BASE + "/version").expect(200).conformsTo(CENTRALI);
        // The document declares this 200 without content; its evident purpose is to serve the document itself.
        var doc = http.get(BASE + "/openapi.json").expect(200);
        assertEquals("3.0.3", doc.json().get("openapi").asText());
    }

    @Test
    void otherTenantsAndBadInputAreRefusedInCentraliShape() {
        Created mine = create("Mine");
        Created theirs = create("Theirs");
        // Centrali documents 403 for a workspace the caller is no member of; one that does not exist is still 404.
        var forbidden = http.get(BASE + "/" + mine.slug(), theirs.auth()).expect(403).conformsTo(CENTRALI);
        assertEquals(403, forbidden.json().get("status").asInt());
        http.put(BASE + "/" + mine.slug(), "{\"name\":\"x\"}", theirs.auth()).expect(403).conformsTo(CENTRALI);
        http.delete(BASE + "/" + mine.slug(), theirs.auth()).expect(403).conformsTo(CENTRALI);
        http.post(BASE + "/" + mine.slug() + "/delete", null, theirs.auth()).expect(403).conformsTo(CENTRALI);
        http.post(BASE + "/" + mine.slug() + "/restore", null, theirs.auth()).expect(403).conformsTo(CENTRALI);
        http.get(BASE + "/" + mine.slug(), mine.auth()).expect(200).conformsTo(CENTRALI); // untouched by the stranger
        http.get(BASE + "/no-such-workspace-" + UUID.randomUUID(), theirs.auth()).expect(404).conformsTo(CENTRALI);
        http.get(BASE + "/" + mine.slug()).expect(401).conformsTo(CENTRALI);
        http.post(BASE, "{\"name\":\"x\"}").expect(400).conformsTo(CENTRALI);
        http.post(BASE, "{\"name\":\"x\",\"email\":\"not-an-email\",\"username\":\"u\"}").expect(400).conformsTo(CENTRALI);
        http.post(BASE, "[1,2,3]").expect(400).conformsTo(CENTRALI);
        var bad = http.put(BASE + "/" + mine.slug(), "{\"name\":\"\"}", mine.auth()).expect(400).conformsTo(CENTRALI);
        assertEquals(BASE + "/" + mine.slug(), bad.json().get("path").asText());
        assertEquals(400, bad.json().get("status").asInt());
        // The error's requestId is the one the response header carries, so a support ticket can quote either.
        assertEquals(bad.header("X-Request-Id"), bad.json().get("requestId").asText());
        // A sane id offered by the caller is kept, in the header and in the body.
        var traced = http.put(BASE + "/" + mine.slug(), "{\"name\":\"\"}",
                "Authorization", "Bearer " + mine.token(), "X-Request-Id", "trace-42").expect(400).conformsTo(CENTRALI);
        assertEquals("trace-42", traced.header("X-Request-Id"));
        assertEquals("trace-42", traced.json().get("requestId").asText());
    }
}
