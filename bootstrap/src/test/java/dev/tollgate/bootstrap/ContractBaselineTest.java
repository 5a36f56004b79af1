package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.ApiContract.Document;
import dev.tollgate.testing.ContractCoverage;
import dev.tollgate.testing.DocumentedOperations;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The answers every implemented operation owes whatever its data: 401 without credentials (where the document asks
 * for them), 404 for an id that names nothing (where its path takes one) and an empty list for an organization that
 * has nothing yet (where it lists). Each answer is checked against the document as it returns, and counted for
 * {@link ContractCoverageTest}; this test also writes which documented operations the server routes.
 */
@MicronautTest(transactional = false)
@Order(1)
class ContractBaselineTest extends HttpTest {
    static final String IMPLEMENTED = "implemented.txt";
    /** Syntactically valid ids that name nothing: a ULID for OpenMeter's ids, a number for php-tenant's. */
    static final String UNKNOWN_ULID = "01JZZZZZZZZZZZZZZZZZZZZZZZ";

    @Inject
    Router router;
    @Inject
    Environment environment;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", BadInputSweepTest.SECRET);
        return properties;
    }

    record Probe(DocumentedOperations.Operation operation, OpenAPI api, Operation spec) {
        /** The operation as its document describes it, at its served path. */
        static java.util.Optional<Probe> of(DocumentedOperations.Operation operation) {
            OpenAPI api = ApiContract.openApi(operation.document());
            PathItem item = api.getPaths().get(operation.servedAt());
            Operation spec = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(operation.method()));
            return java.util.Optional.ofNullable(spec).map(found -> new Probe(operation, api, found));
        }

        boolean authenticated() {
            List<SecurityRequirement> security = spec.getSecurity() != null ? spec.getSecurity() : api.getSecurity();
            return security != null && !security.isEmpty() && security.stream().noneMatch(SecurityRequirement::isEmpty);
        }

        boolean lists() {
            String id = spec.getOperationId() == null ? "" : spec.getOperationId().toLowerCase();
            String summary = spec.getSummary() == null ? "" : spec.getSummary().toLowerCase();
            return operation.method().equals("GET") && (id.startsWith("list") || summary.startsWith("list"));
        }
    }

    @Test
    void everyImplementedOperationAnswersTheBaselineOfItsDocument() throws IOException {
        Set<String> routed = router.uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + BadInputSweepTest.normalize(r.getUriMatchTemplate().toString()))
                .collect(Collectors.toSet());
        List<Probe> probes = new ArrayList<>();
        for (DocumentedOperations.Operation op : DocumentedOperations.all()) {
            if (routed.contains(op.method() + " " + BadInputSweepTest.normalize(op.servedAt()))) {
                Probe.of(op).ifPresent(probes::add);
            }
        }
        writeImplemented(probes);

        Accounts.Account fresh = Accounts.signUp(http, "Baseline");
        // php-tenant's provisioning routes answer billing partners only
        environment.addPropertySource(PropertySource.of("baseline-partners-" + UUID.randomUUID(),
                Map.of("tollgate.provisioning.partners", fresh.orgId())));
        String[] apiKey = {"Authorization", "Bearer " + Accounts.apiKey(http, fresh, "*")};
        Map<String, String> exempt = ContractCoverageTest.exemptions();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            DocumentedOperations.Operation op = probe.operation();
            String body = exampleBody(probe);
            String query = requiredQuery(probe, fresh);
            if (probe.authenticated() && !exempt.containsKey(op.key() + " 401")) {
                expect(failures, op, "without credentials", 401, send(failures, op.method(), fill(op.servedAt()) + query, body));
            }
            String[] caller = callerFor(op.servedAt(), fresh, apiKey);
            if (op.takesId() && caller != null && !exempt.containsKey(op.key() + " 404")) {
                TestHttp.Exchange unknown = send(failures, op.method(), fill(op.servedAt()) + query, body, caller);
                expect(failures, op, "an id naming nothing", 404, unknown);
            }
            if (probe.lists() && !op.takesId() && caller != null && !exempt.containsKey(op.key() + " empty")) {
                expect(failures, op, "an organization with nothing yet", 200, send(failures, "GET", op.servedAt() + query, null, caller));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " baseline answers differ from the documents:\n  "
                + String.join("\n  ", failures));
    }

    private static void expect(List<String> failures, DocumentedOperations.Operation op, String what, int status, TestHttp.Exchange exchange) {
        if (exchange != null && exchange.status() != status) {
            failures.add(op.key() + " with " + what + ": expected " + status + ", got " + exchange.status() + " "
                    + BadInputSweepTest.abbreviate(exchange.body()));
        }
    }

    /** Caught as the exchange returns: record the contract failure instead of stopping at the first. */
    private TestHttp.Exchange send(List<String> failures, String method, String path, String body, String... headers) {
        try {
            return http.send(method, path, body, headers);
        } catch (AssertionError e) {
            failures.add(BadInputSweepTest.abbreviate(e.getMessage()));
            return null;
        }
    }

    private static String[] callerFor(String path, Accounts.Account fresh, String[] apiKey) {
        if (path.startsWith("/v1/internal/")) {
            return new String[] {"X-Internal-Secret", BadInputSweepTest.SECRET};
        }
        if (path.startsWith("/api/provisioning/") || path.startsWith("/api/v1/entitlements/")) {
            return apiKey;
        }
        if (path.startsWith("/api/v1/portal/")) {
            return null; // a portal token is bound to a meter and subject; its own tests cover it
        }
        return fresh.auth();
    }

    /** Every path parameter replaced by a well-formed value that names nothing. */
    static String fill(String servedAt) {
        StringBuilder path = new StringBuilder();
        for (String part : servedAt.split("(?=\\{)|(?<=})")) {
            if (!part.startsWith("{")) {
                path.append(part);
            } else if (part.equals("{workspace}") || part.equals("{id}")) {
                path.append("987654321");
            } else {
                path.append(part.contains("_") || part.equals("{organization}") || part.equals("{slug}") ? "unknown-" + part.replaceAll("[{}_]", "")
                        : UNKNOWN_ULID);
            }
        }
        return path.toString();
    }

    /** The query parameters the operation requires, with values its document allows (the organization's own id). */
    private static String requiredQuery(Probe probe, Accounts.Account fresh) {
        List<String> pairs = new ArrayList<>();
        List<io.swagger.v3.oas.models.parameters.Parameter> parameters = new ArrayList<>();
        PathItem item = probe.api().getPaths().get(probe.operation().servedAt());
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (probe.spec().getParameters() != null) {
            parameters.addAll(probe.spec().getParameters());
        }
        for (io.swagger.v3.oas.models.parameters.Parameter raw : parameters) {
            var p = BadInputSweepTest.resolve(probe.api(), raw);
            if (!"query".equals(p.getIn()) || !Boolean.TRUE.equals(p.getRequired()) || p.getSchema() == null) {
                continue;
            }
            Schema<?> schema = BadInputSweepTest.deref(probe.api(), p.getSchema());
            String value;
            if (p.getName().equals("org_id")) {
                value = fresh.orgId();
            } else if ("date".equals(schema.getFormat())) {
                value = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            } else {
                com.fasterxml.jackson.databind.JsonNode example = BadInputSweepTest.example(probe.api(), schema, 0);
                value = example.isTextual() ? example.asText() : example.toString();
            }
            pairs.add(p.getName() + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String exampleBody(Probe probe) {
        RequestBody requestBody = probe.spec().getRequestBody();
        if (requestBody != null && requestBody.get$ref() != null) {
            requestBody = probe.api().getComponents().getRequestBodies().get(BadInputSweepTest.refName(requestBody.get$ref()));
        }
        if (requestBody == null || requestBody.getContent() == null) {
            return null;
        }
        for (Map.Entry<String, MediaType> media : requestBody.getContent().entrySet()) {
            if (media.getKey().contains("json")) {
                Schema<?> schema = media.getValue().getSchema();
                return BadInputSweepTest.example(probe.api(), schema, 0).toString();
            }
        }
        return null;
    }

    private static void writeImplemented(List<Probe> probes) throws IOException {
        Path directory = Files.createDirectories(Path.of(ContractCoverage.DIRECTORY));
        Files.writeString(directory.resolve(IMPLEMENTED), probes.stream().map(p -> p.operation().key())
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining("\n")) + "\n");
    }
}
