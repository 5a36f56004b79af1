package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * A workspace export of the whole deployable: every module's source contributes its section to the archive downloaded
 * through the signed link, with what was created through each module's API, and no secret given to any of them.
 */
@MicronautTest(transactional = false)
class WorkspaceExportEndToEndTest extends HttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_PASSWORD = "upstream-password-7f1c9a2e5b";
    private static final String CHANNEL_SECRET = "whsec_Q2hhbm5lbFNlY3JldEZvckV4cG9ydFRlc3Q=";
    private static final List<String> SECTIONS = List.of("billing", "catalog", "entitlements", "metering", "proxy", "tenancy", "webhooks");
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.jobs.export-interval", "100ms");
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8"); // the channel aims at a closed loopback port
        return properties;
    }

    @Test
    void anExportHoldsEverySectionWithTheWorkspacesDataAndNoSecret() throws Exception {
        Account owner = Accounts.signUp(http, "Everything");
        String project = http.post("/v1/projects", """
                {"name":"Exported app","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(owner.orgId(), UpstreamPostgres.port(), UPSTREAM_PASSWORD), owner.auth())
                .expect(201).json().get("project").get("id").asText();
        http.post("/api/v1/meters", "{\"slug\":\"exported_calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", owner.auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"exported_feature\",\"name\":\"Exported\",\"meterSlug\":\"exported_calls\"}", owner.auth())
                .expect(201);
        String channel = http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"exported-channel","url":"http://127.0.0.1:9/hooks","signingSecret":"%s"}""".formatted(CHANNEL_SECRET),
                owner.auth()).expect(201).json().get("id").asText();

        String export = "/workspace/api/v1/" + owner.orgSlug() + "/export";
        String jobId = http.post(export, null, owner.auth()).expect(202).json().get("jobId").asText();
        JsonNode job = completed(owner, export + "/" + jobId);
        Map<String, String> archive = unzip(download(job.get("downloadUrl").asText()));

        for (String section : SECTIONS) {
            assertTrue(archive.keySet().stream().anyMatch(name -> name.startsWith(section + "/")), section + " is in " + archive.keySet());
        }
        assertTrue(JSON.readTree(archive.get("proxy/projects.json")).findValuesAsText("id").contains(project), archive.get("proxy/projects.json"));
        assertTrue(JSON.readTree(archive.get("metering/meters.json")).findValuesAsText("slug").contains("exported_calls"));
        assertTrue(JSON.readTree(archive.get("catalog/features.json")).findValuesAsText("key").contains("exported_feature"));
        assertTrue(JSON.readTree(archive.get("webhooks/endpoints.json")).findValuesAsText("id").contains(channel));
        archive.forEach((name, text) -> {
            assertFalse(text.contains(UPSTREAM_PASSWORD), name + " holds the upstream's password");
            assertFalse(text.contains(CHANNEL_SECRET), name + " holds the channel's signing secret");
        });
    }

    /** Polls the job until the worker (every 100 ms here) has written it. */
    private JsonNode completed(Account owner, String job) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode state = http.get(job, owner.auth()).expect(200).json();
            String status = state.get("status").asText();
            if (status.equals("completed")) {
                return state;
            }
            assertTrue(status.equals("pending") || status.equals("processing"), state.toString());
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not complete: " + http.get(job, owner.auth()).body());
    }

    /** The signed link names the public URL; the same path and query reach the embedded server. */
    private byte[] download(String url) throws IOException, InterruptedException {
        URI link = URI.create(url);
        URI local = server.getURI().resolve(link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** Every entry's text by name: the documents are deflated, so secrets are looked for in what they inflate to. */
    private static Map<String, String> unzip(byte[] archive) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
