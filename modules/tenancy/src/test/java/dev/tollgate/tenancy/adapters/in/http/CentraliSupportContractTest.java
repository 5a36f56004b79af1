package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Centrali's support issues and comments over real HTTP, validated against centrali-workspace.json. */
@MicronautTest(transactional = false)
class CentraliSupportContractTest extends HttpTest {
    private static String base(Account a) {
        return "/workspace/api/v1/" + a.orgSlug() + "/support-issues";
    }

    private JsonNode file(Account a, String body) {
        return http.post(base(a), body, a.auth()).expect(201).conformsTo(CENTRALI).json();
    }

    @Test
    void anIssueIsFiledReadListedUpdatedAndDiscussed() {
        Account owner = Accounts.signUp(http, "Helpdesk");
        http.get(base(owner), owner.auth()).expect(200).conformsTo(CENTRALI); // none yet: an empty list
        JsonNode issue = file(owner, "{\"title\":\"Cannot connect\",\"description\":\"psql says timeout\",\"type\":\"bug\",\"priority\":\"high\","
                + "\"category\":\"proxy\"}");
        assertEquals(1, issue.get("id").asInt(), "numbered within the workspace");
        assertEquals("Cannot connect", issue.get("summary").asText());
        assertEquals("bug", issue.get("type").asText());
        assertEquals("high", issue.get("priority").asText());
        assertEquals("open", issue.get("status").asText());
        assertEquals(owner.orgSlug(), issue.get("workspaceSlug").asText());
        assertTrue(issue.get("assignedTo").isNull());
        JsonNode question = file(owner, "{\"title\":\"How do replicas work?\",\"description\":\"Docs please\"}");
        assertEquals("question", question.get("type").asText(), "the document's default type");
        assertEquals("medium", question.get("priority").asText(), "the document's default priority");

        var listed = http.get(base(owner) + "?limit=1", owner.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals(1, listed.json().size());
        assertEquals(2, listed.json().get(0).get("id").asInt(), "newest first");
        assertEquals("2", listed.header("X-Total-Count"));
        assertEquals(1, http.get(base(owner) + "?page=2&limit=1", owner.auth()).expect(200).json().get(0).get("id").asInt());
        assertEquals(0, http.get(base(owner) + "?status=closed", owner.auth()).expect(200).conformsTo(CENTRALI).json().size());

        http.get(base(owner) + "/1", owner.auth()).expect(200).conformsTo(CENTRALI);
        JsonNode resolved = http.put(base(owner) + "/1", "{\"status\":\"resolved\",\"priority\":\"low\"}", owner.auth()).expect(200)
                .conformsTo(CENTRALI).json();
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals("low", resolved.get("priority").asText());
        assertEquals("Cannot connect", resolved.get("summary").asText());
        http.put(base(owner) + "/1", null, owner.auth()).expect(200).conformsTo(CENTRALI); // no body: nothing changes
        assertEquals(1, http.get(base(owner) + "?status=resolved", owner.auth()).json().size());

        String comments = base(owner) + "/1/comments";
        http.get(comments, owner.auth()).expect(200).conformsTo(CENTRALI);
        JsonNode first = http.post(comments, "{\"comment\":\"Here is the log\",\"displayName\":\"Dana\"}", owner.auth()).expect(200)
                .conformsTo(CENTRALI).json();
        assertEquals("comment", first.get("type").asText());
        assertEquals("Dana", first.get("displayName").asText());
        for (int i = 0; i < 4; i++) {
            http.post(comments, "{\"comment\":\"more " + i + "\"}", owner.auth()).expect(200);
        }
        Set<String> seen = new HashSet<>();
        List<String> texts = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get(comments + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), owner.auth()).expect(200)
                    .conformsTo(CENTRALI).json();
            page.get("entries").forEach(c -> {
                assertTrue(seen.add(c.get("id").asText()));
                texts.add(c.get("comment").asText());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertEquals(List.of("Here is the log", "more 0", "more 1", "more 2", "more 3"), texts, "oldest first, each once");

        String commentId = first.get("id").asText();
        http.get(comments + "/" + commentId, owner.auth()).expect(200).conformsTo(CENTRALI);
        JsonNode edited = http.put(comments + "/" + commentId, "{\"comment\":\"Here is the full log\"}", owner.auth()).expect(200)
                .conformsTo(CENTRALI).json();
        assertEquals("Here is the full log", edited.get("comment").asText());
        http.delete(comments + "/" + commentId, owner.auth()).expect(204);
        http.get(comments + "/" + commentId, owner.auth()).expect(404).conformsTo(CENTRALI);
        http.delete(comments + "/" + commentId, owner.auth()).expect(404).conformsTo(CENTRALI);

        JsonNode audit = http.get("/workspace/api/v1/" + owner.orgSlug() + "/audit/activity?resourceType=support_issue", owner.auth())
                .expect(200).json();
        assertEquals(3, audit.get("entries").size(), "two filed, one updated (the empty update changed nothing)");
    }

    @Test
    void membersFileAndTalkButOnlyTheReporterOrAnAdminChangesAnIssue() {
        Account owner = Accounts.signUp(http, "Owner");
        Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        Account other = Accounts.signUp(http, "Other");
        Accounts.join(http, owner, other, "member");
        JsonNode mine = http.post(base(owner), "{\"title\":\"Mine\",\"description\":\"x\"}", member.auth()).expect(201).json();
        String issue = base(owner) + "/" + mine.get("id").asInt();
        http.put(issue, "{\"status\":\"closed\"}", member.auth()).expect(200).conformsTo(CENTRALI);
        http.put(issue, "{\"status\":\"open\"}", other.auth()).expect(403).conformsTo(CENTRALI);
        http.put(issue, "{\"status\":\"open\"}", owner.auth()).expect(200).conformsTo(CENTRALI);
        String comment = http.post(issue + "/comments", "{\"comment\":\"from member\"}", member.auth()).expect(200).json().get("id").asText();
        http.put(issue + "/comments/" + comment, "{\"comment\":\"forged\"}", other.auth()).expect(403).conformsTo(CENTRALI);
        http.put(issue + "/comments/" + comment, "{\"comment\":\"forged\"}", owner.auth()).expect(403).conformsTo(CENTRALI);
        http.delete(issue + "/comments/" + comment, other.auth()).expect(403).conformsTo(CENTRALI);
        http.delete(issue + "/comments/" + comment, owner.auth()).expect(204);
    }

    @Test
    void strangersAndBadInputAreRefusedInCentralisShape() {
        Account owner = Accounts.signUp(http, "Guarded");
        Account stranger = Accounts.signUp(http, "Stranger");
        file(owner, "{\"title\":\"Private\",\"description\":\"secret details\"}");
        String comment = http.post(base(owner) + "/1/comments", "{\"comment\":\"c\"}", owner.auth()).expect(200).json().get("id").asText();
        for (String path : List.of("", "/1", "/1/comments", "/1/comments/" + comment)) {
            http.get(base(owner) + path).expect(401).conformsTo(CENTRALI);
            http.get(base(owner) + path, stranger.auth()).expect(403).conformsTo(CENTRALI);
            http.get("/workspace/api/v1/no-such-" + UUID.randomUUID() + "/support-issues" + path, owner.auth()).expect(404).conformsTo(CENTRALI);
        }
        http.post(base(owner), "{\"title\":\"x\",\"description\":\"y\"}", stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.put(base(owner) + "/1", "{\"status\":\"closed\"}", stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.post(base(owner) + "/1/comments", "{\"comment\":\"x\"}", stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.put(base(owner) + "/1/comments/" + comment, "{\"comment\":\"x\"}", stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.delete(base(owner) + "/1/comments/" + comment, stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.delete(base(owner) + "/1/comments/" + comment).expect(401).conformsTo(CENTRALI);
        http.post(base(owner), "{\"title\":\"x\",\"description\":\"y\"}").expect(401).conformsTo(CENTRALI);
        http.put(base(owner) + "/1", "{\"status\":\"closed\"}").expect(401).conformsTo(CENTRALI);
        http.post(base(owner) + "/1/comments", "{\"comment\":\"x\"}").expect(401).conformsTo(CENTRALI);
        http.put(base(owner) + "/1/comments/" + comment, "{\"comment\":\"x\"}").expect(401).conformsTo(CENTRALI);
        http.post("/workspace/api/v1/no-such-" + UUID.randomUUID() + "/support-issues", "{\"title\":\"x\",\"description\":\"y\"}",
                owner.auth()).expect(404).conformsTo(CENTRALI);
        // Another workspace's issue numbers are its own: 1 in the stranger's workspace is not the owner's issue.
        http.get(base(stranger) + "/1", stranger.auth()).expect(404).conformsTo(CENTRALI);
        for (String missing : List.of("/2", "/abc", "/1/comments/cmt_00000000000000000000000000", "/1/comments/nope")) {
            http.get(base(owner) + missing, owner.auth()).expect(404).conformsTo(CENTRALI);
        }
        http.put(base(owner) + "/99", "{}", owner.auth()).expect(404).conformsTo(CENTRALI);
        http.post(base(owner) + "/99/comments", "{\"comment\":\"x\"}", owner.auth()).expect(404).conformsTo(CENTRALI);
        http.put(base(owner) + "/1/comments/cmt_00000000000000000000000000", "{\"comment\":\"x\"}", owner.auth()).expect(404).conformsTo(CENTRALI);
        for (String bad : List.of("{\"description\":\"no title\"}", "{\"title\":\"no description\"}", "{\"title\":\" \",\"description\":\"x\"}",
                "{\"title\":\"t\",\"description\":\"d\",\"type\":\"complaint\"}", "{\"title\":\"t\",\"description\":\"d\",\"priority\":\"p0\"}",
                "{\"title\":\"" + "x".repeat(201) + "\",\"description\":\"d\"}")) {
            var refused = http.post(base(owner), bad, owner.auth()).expect(400).conformsTo(CENTRALI);
            assertFalse(refused.json().get("message").asText().isBlank());
        }
        http.put(base(owner) + "/1", "{\"status\":\"done\"}", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.get(base(owner) + "?status=done", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.get(base(owner) + "?limit=0", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.post(base(owner) + "/1/comments", "{}", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.post(base(owner) + "/1/comments", "{\"comment\":\"x\",\"type\":\"Not A Type\"}", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.get(base(owner) + "/1/comments?cursor=nonsense", owner.auth()).expect(400).conformsTo(CENTRALI);
        http.get(base(owner) + "/1/comments?limit=101", owner.auth()).expect(400).conformsTo(CENTRALI);
    }

    @Test
    void concurrentFilingsGetDistinctNumbers() throws Exception {
        Account owner = Accounts.signUp(http, "Busy");
        List<Callable<Integer>> filings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            filings.add(() -> http.post(base(owner), "{\"title\":\"t" + n + "\",\"description\":\"d\"}", owner.auth()).expect(201).json()
                    .get("id").asInt());
        }
        Set<Integer> numbers = new HashSet<>();
        var pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<Integer> f : pool.invokeAll(filings)) {
                numbers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(12, numbers.size());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), numbers);
    }
}
