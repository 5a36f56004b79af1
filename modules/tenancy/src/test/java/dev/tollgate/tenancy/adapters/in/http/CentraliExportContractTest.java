package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Centrali's workspace data export over real HTTP: the job's life (202, progress, completed with a signed link), the
 * archive it writes (a JSON document per resource, no secret), the link's signature and expiry, and who may export.
 */
@MicronautTest(transactional = false)
class CentraliExportContractTest extends HttpTest {
    private static final String BASE = "/workspace/api/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    ExportWorkspaceUseCase exports;
    @Inject
    MutableClock clock;
    @Inject
    EmbeddedServer server;
    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.exports.link-lifetime", "1m");
        return properties;
    }

    private static String export(Account a) {
        return BASE + a.orgSlug() + "/export";
    }

    /** Runs due exports until the job has finished (the scheduled worker may take it first: then this waits for it). */
    private JsonNode finished(Account a, String jobId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            exports.runDue(10);
            JsonNode job = http.get(export(a) + "/" + jobId, a.auth()).expect(200).conformsTo(CENTRALI).json();
            String status = job.get("status").asText();
            if (!status.equals("pending") && !status.equals("processing")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export " + jobId + " did not finish");
    }

    private HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        URI link = URI.create(url);
        URI local = server.getURI().resolve(link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(local).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, JsonNode> unzip(byte[] archive) throws IOException {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                documents.put(entry.getName(), JSON.readTree(zip.readAllBytes()));
            }
        }
        return documents;
    }

    @Test
    void anExportRunsToADownloadableArchiveOfEveryResourceWithoutSecrets() throws Exception {
        Account owner = Accounts.signUp(http, "Exporter");
        var key = http.post("/v1/api-keys", "{\"org_id\":\"%s\",\"name\":\"ci key\",\"scopes\":[\"workspaces.read\"]}".formatted(owner.orgId()),
                owner.auth()).expect(201).json();
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}",
                owner.auth()).expect(201);
        http.post(BASE + owner.orgSlug() + "/support-issues", "{\"title\":\"Slow queries\",\"description\":\"since Monday\"}", owner.auth())
                .expect(201);
        http.get(export(owner), owner.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals("null", http.get(export(owner), owner.auth()).body().strip(), "no export yet: the document's null");

        // A body-less POST, whatever content type the client sends with it.
        JsonNode requested = http.send("POST", export(owner), null, owner.auth()[0], owner.auth()[1], "Content-Type", "text/plain")
                .expect(202).conformsTo(CENTRALI).json();
        String jobId = requested.get("jobId").asText();
        assertEquals("pending", requested.get("status").asText());
        assertTrue(jobId.startsWith("exp_"));
        JsonNode latest = http.get(export(owner), owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals(jobId, latest.get("jobId").asText());
        assertTrue(latest.get("downloadUrl").isNull());
        assertTrue(latest.get("progress").get("resources").has("tenancy/audit_log"), "progress names every resource");
        http.post(export(owner), null, owner.auth()).expect(409).conformsTo(CENTRALI);

        JsonNode done = finished(owner, jobId);
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertTrue(done.get("errorMessage").isNull());
        assertEquals(100, done.get("progress").get("percent").asInt());
        done.get("progress").get("resources").forEach(r -> assertEquals("done", r.get("state").asText()));
        assertEquals(1, done.get("progress").get("resources").get("tenancy/api_keys").get("records").asInt());
        String url = done.get("downloadUrl").asText();
        assertTrue(url.startsWith("http") && url.contains("/export/" + jobId + "/download?expires="), url);
        assertEquals(done.get("downloadExpiresAt").asText(), http.get(export(owner), owner.auth()).json().get("downloadExpiresAt").asText(),
                "GET export shows the recently completed job");

        // The link works without a bearer token, and the archive holds each resource as JSON.
        HttpResponse<byte[]> archive = download(url);
        assertEquals(200, archive.statusCode());
        assertEquals("application/zip", archive.headers().firstValue("Content-Type").orElse(""));
        assertTrue(archive.headers().firstValue("Content-Disposition").orElse("").contains(owner.orgSlug() + "-export-"));
        Map<String, JsonNode> files = unzip(archive.body());
        assertEquals(List.of("tenancy/workspace.json", "tenancy/members.json", "tenancy/teams.json", "tenancy/invitations.json",
                "tenancy/api_keys.json", "tenancy/service_tokens.json", "tenancy/customers.json", "tenancy/support_issues.json", "tenancy/audit_log.json", "manifest.json"),
                new ArrayList<>(files.keySet()));
        assertEquals(owner.orgId(), files.get("tenancy/workspace.json").get(0).get("id").asText());
        assertTrue(files.get("tenancy/workspace.json").get(0).has("description"), "a record keeps its null fields: " + files.get("tenancy/workspace.json"));
        assertEquals(owner.email(), files.get("tenancy/members.json").get(0).get("email").asText());
        assertEquals("owner", files.get("tenancy/members.json").get(0).get("role").asText());
        assertEquals("ci key", files.get("tenancy/api_keys.json").get(0).get("name").asText());
        assertEquals("Acme", files.get("tenancy/customers.json").get(0).get("name").asText());
        assertEquals("Slow queries", files.get("tenancy/support_issues.json").get(0).get("summary").asText());
        assertEquals(0, files.get("tenancy/teams.json").size(), "an empty resource is an empty array");
        List<String> types = new ArrayList<>();
        files.get("tenancy/audit_log.json").forEach(e -> types.add(e.get("type").asText()));
        assertTrue(types.containsAll(List.of("workspace.created", "api_key.created", "support_issue.created", "export.created")), types.toString());
        JsonNode manifest = files.get("manifest.json");
        assertEquals(jobId, manifest.get("exportId").asText());
        assertEquals(owner.orgSlug(), manifest.get("workspaceSlug").asText());
        assertEquals(9, manifest.get("resources").size());
        String everything = new String(archive.body(), java.nio.charset.StandardCharsets.ISO_8859_1) + files;
        assertFalse(everything.contains(key.get("key").asText()), "no API key secret");
        assertFalse(files.toString().contains("secret_hash") || files.toString().contains("password"), "no hash of any secret");

        // Finished: a new export may start.
        http.post(export(owner), null, owner.auth()).expect(202).conformsTo(CENTRALI);
    }

    @Test
    void aForgedOrExpiredLinkIsNotFoundAndTheExpiredArchiveIsRemoved() throws Exception {
        Account owner = Accounts.signUp(http, "Linker");
        Account other = Accounts.signUp(http, "Other");
        String jobId = http.post(export(owner), null, owner.auth()).expect(202).json().get("jobId").asText();
        String url = finished(owner, jobId).get("downloadUrl").asText();
        assertEquals(200, download(url).statusCode());

        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        String forged = url.replace("signature=" + signature, "signature=" + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        long expires = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));
        String stretched = url.replace("expires=" + expires, "expires=" + (expires + 3600));
        String elsewhere = url.replace("/" + owner.orgSlug() + "/", "/" + other.orgSlug() + "/");
        String unsigned = url.substring(0, url.indexOf("&signature="));
        for (String bad : List.of(forged, stretched, elsewhere, unsigned)) {
            HttpResponse<byte[]> refused = download(bad);
            assertEquals(404, refused.statusCode(), bad);
        }

        clock.advance(Duration.ofMinutes(2));
        try {
            assertEquals(404, download(url).statusCode(), "the link has expired");
            JsonNode expired = http.get(export(owner) + "/" + jobId, owner.auth()).expect(200).conformsTo(CENTRALI).json();
            assertEquals("expired", expired.get("status").asText());
            assertTrue(expired.get("downloadUrl").isNull());
            assertTrue(exports.removeExpiredArchives(100) >= 0);
            assertEquals(0, chunks(jobId), "the expired archive's bytes are gone; the job's record stays");
        } finally {
            clock.advance(Duration.ofMinutes(-2));
        }
    }

    private int chunks(String jobId) throws Exception {
        UUID id = dev.tollgate.platform.domain.TypeId.parse("exp", jobId);
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tenancy.export_archive_chunks WHERE job_id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void onlyOneExportIsActiveEvenWhenRequestedAtOnce() throws Exception {
        Account owner = Accounts.signUp(http, "Racer");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> http.unchecked().post(export(owner), null, owner.auth()).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheWorkspacesAdminsExport() {
        Account owner = Accounts.signUp(http, "Guard");
        Account stranger = Accounts.signUp(http, "Outsider");
        Account member = Accounts.signUp(http, "Plain");
        Accounts.join(http, owner, member, "member");
        String jobId = http.post(export(owner), null, owner.auth()).expect(202).json().get("jobId").asText();
        for (String route : List.of("", "/" + jobId)) {
            http.get(export(owner) + route).expect(401).conformsTo(CENTRALI);
            http.get(export(owner) + route, stranger.auth()).expect(403).conformsTo(CENTRALI);
            http.get(export(owner) + route, member.auth()).expect(403).conformsTo(CENTRALI);
            http.get(BASE + "no-such-" + UUID.randomUUID() + "/export" + route, owner.auth()).expect(404).conformsTo(CENTRALI);
        }
        http.post(export(owner), null).expect(401).conformsTo(CENTRALI);
        http.post(export(owner), null, stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.post(export(owner), null, member.auth()).expect(403).conformsTo(CENTRALI);
        http.get(export(owner) + "/exp_00000000000000000000000000", owner.auth()).expect(404).conformsTo(CENTRALI);
        http.get(export(owner) + "/not-a-job", owner.auth()).expect(404).conformsTo(CENTRALI);
        http.get(export(stranger) + "/" + jobId, stranger.auth()).expect(404).conformsTo(CENTRALI);
        String keyWithout = Accounts.apiKey(http, owner, "workspaces.read");
        http.post(export(owner), null, "Authorization", "Bearer " + keyWithout).expect(403).conformsTo(CENTRALI);
    }
}
