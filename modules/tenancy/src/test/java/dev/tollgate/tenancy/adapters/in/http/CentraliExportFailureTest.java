package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A resource that cannot be read fails the export with the reason, keeps the progress made, and leaves no archive. */
@MicronautTest(transactional = false)
class CentraliExportFailureTest extends HttpTest {
    private static final String PROPERTY = "test.export.broken-resource";
    @Inject
    ExportWorkspaceUseCase exports;
    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(PROPERTY, "true");
        return properties;
    }

    /** Another module's part: one resource it writes, then one whose source is down. */
    @Factory
    @Requires(property = PROPERTY, value = "true")
    static class BrokenModuleData {
        @Singleton
        WorkspaceExportSource brokenSource() {
            return new WorkspaceExportSource() {
                @Override
                public String section() {
                    return "other";
                }

                @Override
                public List<String> resources() {
                    return List.of("projects", "invoices");
                }

                @Override
                public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
                    if (resource.equals("invoices")) {
                        sink.accept(Map.of("id", "inv_1"));
                        throw new IllegalStateException("billing is unreachable");
                    }
                    sink.accept(Map.of("id", "prj_1", "name", "one"));
                }
            };
        }
    }

    @Test
    void aFailedResourceFailsTheJobWithItsReasonAndDropsThePartialArchive() throws Exception {
        Account owner = Accounts.signUp(http, "Unlucky");
        String export = "/workspace/api/v1/" + owner.orgSlug() + "/export";
        String jobId = http.post(export, null, owner.auth()).expect(202).json().get("jobId").asText();
        JsonNode job = null;
        for (int i = 0; i < 200; i++) {
            exports.runDue(10);
            job = http.get(export + "/" + jobId, owner.auth()).expect(200).conformsTo(CENTRALI).json();
            if (job.get("status").asText().equals("failed")) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("failed", job.get("status").asText(), job.toString());
        assertEquals("Export failed while writing other/invoices: billing is unreachable", job.get("errorMessage").asText());
        assertTrue(job.get("downloadUrl").isNull());
        JsonNode resources = job.get("progress").get("resources");
        assertEquals("done", resources.get("other/projects").get("state").asText());
        assertEquals(1, resources.get("other/projects").get("records").asInt());
        assertEquals("failed", resources.get("other/invoices").get("state").asText());
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM tenancy.export_archive_chunks WHERE job_id = '"
                     + dev.tollgate.platform.domain.TypeId.parse("exp", jobId) + "'")) {
            r.next();
            assertEquals(0, r.getInt(1), "no partial archive is kept");
        }
        // A failed export is no longer active: the next one may start.
        http.post(export, null, owner.auth()).expect(202).conformsTo(CENTRALI);
    }
}
