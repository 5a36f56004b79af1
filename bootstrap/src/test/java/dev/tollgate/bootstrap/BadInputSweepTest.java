package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.ApiContract.Document;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The standing bad-input sweep. For every operation of the five documents that this build serves (its route is in
 * the router), as a caller allowed to perform it, it sends inputs generated from the operation's schema: malformed
 * JSON, bodies of the wrong JSON type, each required field missing, each property of the wrong type, strings over
 * their maxLength (100 KB when none), unknown enum values, out-of-range and non-finite numbers, wrong-typed and unknown
 * query parameters, and garbage, very long, NUL and unicode path parameters. Every answer must be a 4xx in the
 * dialect's error shape (checked against the document), never a 5xx (but a 503 the operation documents, e.g.
 * TriggerReconcile without a Stripe account, whose input was not the cause), and the server must stay healthy.
 *
 * <p>A 2xx to an input the document forbids (a string where it types an integer, say) is printed as a finding, not
 * failed: some are lenient by design and each needs its own decision. The output also reports the request count, the
 * answers by status and the operations that refused the sweep's caller for some input.
 *
 * <p>Not covered yet (deliberately): mutations below the third level of nesting or beyond an array's first element;
 * elements of top-level array bodies beyond the first; parameters in headers and cookies; bodies that are not JSON (none of the
 * served operations takes one); operations the build does not serve (see {@code ../shared/tools/op-coverage
 * --missing}) are skipped, and picked up automatically once routed. Inputs per operation are sampled (a fixed seed, so
 * runs are repeatable) to keep the sweep under a minute.
 */
@MicronautTest(transactional = false)
class BadInputSweepTest extends HttpTest {
    static final String SECRET = "bad-input-sweep-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A placeholder replaced by raw JSON text after serialization (for 1e309 and other literals Jackson cannot hold). */
    static final String RAW = "__sweep_raw_literal__";
    /** The field that holds the element of a top-level array body while it is mutated. */
    static final String WRAP = "__sweep_batch__";
    static final int MAX_INPUTS_PER_OPERATION = 120;
    static final String HUNDRED_KB = "x".repeat(100 * 1024);

    @Inject
    Router router;
    @Inject
    Environment environment;

    final List<String> failures = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();
    int requests;
    final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    final Set<String> unauthorized = new TreeSet<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        // the sweep posts hundreds of bad sign-ups from one address; their answers are what is tested, not the limit
        properties.put("tollgate.auth.signup.per-address", "1000000");
        properties.put("tollgate.auth.login.per-address", "1000000");
        return properties;
    }

    /** The fresh organization every request acts in, with ids of real resources for the path parameters. */
    final class Context {
        final Accounts.Account owner;
        final String[] jwt;
        String[] apiKey;
        String[] portalToken;
        int apiKeyUses;
        final Map<String, String> values = new HashMap<>();

        Context() {
            owner = Accounts.signUp(http, "Sweep");
            jwt = owner.auth();
            apiKey = new String[] {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "*")};
            // The organization is a billing partner, so that php-tenant's provisioning routes are reachable.
            environment.addPropertySource(PropertySource.of("sweep-partners-" + UUID.randomUUID(),
                    Map.of("tollgate.provisioning.partners", owner.orgId())));
            values.put("org_id", owner.orgId());
            values.put("organization", owner.orgSlug());
            values.put("slug", owner.orgSlug());
            values.put("workspace", Long.toString(owner.orgNumber()));
            JsonNode project = created(http.post("/v1/projects", """
                    {"name":"sweep","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                     "password":"pw","ssl_mode":"disable"}}""".formatted(owner.orgId(), UpstreamPostgres.port()), jwt));
            if (project != null) {
                values.put("project_id", project.get("project").get("id").asText());
                values.put("database_id", project.get("database").get("id").asText());
            }
            JsonNode team = created(http.post("/v1/organizations/" + owner.orgSlug() + "/teams", "{\"name\":\"Sweep team\"}", jwt));
            if (team != null && team.has("slug")) {
                values.put("team_slug", team.get("slug").asText());
            }
            created(http.post("/api/v1/meters", """
                    {"slug":"sweep_meter","aggregation":"SUM","eventType":"sweep","valueProperty":"$.value","groupBy":{"region":"$.region"}}""", jwt));
            values.put("meterIdOrSlug", "sweep_meter");
            values.put("meterSlug", "sweep_meter");
            values.put("groupByKey", "region");
            JsonNode feature = created(http.post("/api/v1/features", """
                    {"key":"sweep_feature","name":"Sweep","meterSlug":"sweep_meter"}""", jwt));
            if (feature != null) {
                values.put("featureId", feature.get("id").asText());
            }
            values.put("featureKey", "sweep_feature");
            created(http.post("/api/v1/customers", """
                    {"name":"Sweep customer","key":"sweep-customer","usageAttribution":{"subjectKeys":["sweep-subject"]}}""", jwt));
            values.put("customerIdOrKey", "sweep-customer");
            values.put("subjectIdOrKey", "sweep-subject");
            JsonNode entitlement = created(http.post("/api/v2/customers/sweep-customer/entitlements", """
                    {"type":"metered","featureKey":"sweep_feature","usagePeriod":{"interval":"MONTH"}}""", jwt));
            values.put("entitlementIdOrFeatureKey", "sweep_feature");
            if (entitlement != null) {
                values.put("entitlementId", entitlement.get("id").asText());
                JsonNode grant = created(http.post("/api/v2/customers/sweep-customer/entitlements/sweep_feature/grants",
                        "{\"amount\":50,\"effectiveAt\":\"" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + "\"}", jwt));
                if (grant != null) {
                    values.put("grantId", grant.get("id").asText());
                }
            }
            http.send("POST", "/api/v1/events", """
                    [{"specversion":"1.0","id":"sweep-1","source":"sweep","type":"sweep","subject":"sweep-subject","time":"2026-01-01T00:00:00Z",
                      "data":{"value":"3","region":"eu"}}]""", jwt[0], jwt[1], "Content-Type", "application/cloudevents-batch+json");
            put("replica_id", http.post("/v1/databases/" + values.get("database_id") + "/replicas", "{\"host\":\"127.0.0.1\",\"port\":5433}", jwt), "id");
            // a tier with custom domains, so that their operations get past the plan check to the input
            http.post("/v1/internal/sync-plan", "{\"org_id\":\"" + owner.orgId() + "\",\"plan\":\"scale\",\"status\":\"active\"}",
                    "X-Internal-Secret", SECRET);
            put("domain_id", http.post("/v1/projects/" + values.get("project_id") + "/domains", "{\"domain\":\"sweep.example.com\"}", jwt), "id");
            put("service_token_id", http.post("/v1/organizations/" + owner.orgSlug() + "/service-tokens", "{\"name\":\"sweep\"}", jwt), "id");
            JsonNode members = created(http.get("/v1/organizations/" + owner.orgSlug() + "/members", jwt));
            if (members != null && members.path("data").size() > 0) {
                values.put("member_id", members.get("data").get(0).get("id").asText());
            }
            put("planId", http.post("/api/v1/plans", """
                    {"key":"sweep_plan","name":"Sweep Plan","currency":"USD","billingCadence":"P1M","phases":[
                     {"key":"main","name":"Main","duration":null,"rateCards":[
                      {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                       "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""", jwt), "id");
            values.put("planIdOrKey", values.getOrDefault("planId", "sweep_plan"));
            put("addonId", http.post("/api/v1/addons", """
                    {"key":"sweep_seats","name":"Sweep seats","instanceType":"multiple","currency":"USD","rateCards":[
                      {"type":"flat_fee","key":"seat","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"15"}}]}""", jwt), "id");
            if (values.containsKey("addonId") && values.containsKey("planId")) {
                http.post("/api/v1/addons/" + values.get("addonId") + "/publish", "", jwt);
                http.post("/api/v1/plans/" + values.get("planId") + "/addons",
                        "{\"addonId\":\"" + values.get("addonId") + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}", jwt);
                values.put("planAddonId", values.get("addonId"));
            }
            http.post("/api/v1/meters/sweep_meter/query", "{\"clientId\":\"sweep-client\"}", jwt);
            JsonNode portal = created(http.post("/api/v1/portal/tokens", """
                    {"subject":"sweep-subject","allowedMeterSlugs":["sweep_meter"]}""", jwt));
            portalToken = portal == null ? jwt : new String[] {"Authorization", "Bearer " + portal.get("token").asText()};
            values.put("id", "sweep-client"); // OpenMeter's progress id; php-tenant's package id is set below
            JsonNode pkg = created(http.post("/api/provisioning/entitlements", """
                    {"email":"%s","name":"Sweep","product_code":"pro","blesta_service_id":"svc-sweep-%s"}"""
                    .formatted(owner.email(), UUID.randomUUID()), apiKey));
            if (pkg != null) {
                values.put("package", pkg.get("entitlement_id").asText());
            }
        }

        void put(String name, TestHttp.Exchange exchange, String field) {
            JsonNode body = created(exchange);
            if (body != null && body.hasNonNull(field)) {
                values.put(name, body.get(field).asText());
            }
        }

        /** The caller who may perform the operation at {@code path}. */
        String[] callerFor(String path) {
            if (path.startsWith("/v1/internal/")) {
                return new String[] {"X-Internal-Secret", SECRET};
            }
            if (path.startsWith("/api/provisioning/") || path.startsWith("/api/v1/entitlements/check")
                    || path.startsWith("/api/v1/entitlements/usage")) {
                // php-tenant allows a key 60 provisioning requests a minute: a fresh key every 50 keeps the sweep under it
                if (++apiKeyUses % 50 == 0) {
                    apiKey = new String[] {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "*")};
                }
                return apiKey;
            }
            if (path.startsWith("/api/v1/portal/meters/")) {
                return portalToken;
            }
            return jwt;
        }

        boolean healthy() {
            return http.get("/v1/organizations/" + owner.orgSlug(), jwt).status() == 200;
        }
    }

    static JsonNode created(TestHttp.Exchange exchange) {
        return exchange.status() / 100 == 2 && exchange.body() != null && exchange.body().startsWith("{") ? exchange.json() : null;
    }

    /** One operation to sweep. */
    /** A 503 the operation's document lists: an outside dependency's answer, not the input's (still checked for its shape). */
    private static boolean documentedUnavailable(Op op, int status) {
        return status == 503 && op.operation().getResponses() != null && op.operation().getResponses().containsKey("503");
    }

    record Op(Document document, OpenAPI api, String method, String path, Operation operation, List<Parameter> parameters) {
        String name() {
            return document.name().toLowerCase() + " " + method + " " + path;
        }

        boolean destructive() {
            return method.equals("DELETE") || path.contains("/members/")
                    || path.matches(".*/(delete|archive|cancel|suspend|invalidate|switch)$");
        }
    }

    /** One request of the sweep. */
    record Input(String label, String path, String body, String contentType, boolean forbidden) {
    }

    @Test
    void noBadInputIsAServerError() {
        Set<String> routed = router.uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + normalize(r.getUriMatchTemplate().toString()))
                .collect(Collectors.toSet());
        List<Op> ops = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Document document : Document.values()) {
            OpenAPI api = ApiContract.openApi(document);
            for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> method : entry.getValue().readOperationsMap().entrySet()) {
                    String key = method.getKey().name() + " " + normalize(entry.getKey());
                    if (!routed.contains(key)) {
                        skipped.add(document + " " + key);
                        continue;
                    }
                    List<Parameter> parameters = new ArrayList<>();
                    if (entry.getValue().getParameters() != null) {
                        entry.getValue().getParameters().forEach(p -> parameters.add(resolve(api, p)));
                    }
                    if (method.getValue().getParameters() != null) {
                        method.getValue().getParameters().forEach(p -> parameters.add(resolve(api, p)));
                    }
                    ops.add(new Op(document, api, method.getKey().name(), entry.getKey(), method.getValue(), parameters));
                }
            }
        }
        // Destructive operations last, so that a delete that succeeds does not leave the rest without their resources.
        ops.sort((a, b) -> Boolean.compare(a.destructive(), b.destructive()));
        long started = System.nanoTime();
        Context context = new Context();
        int generated = 0;
        Set<String> unresolved = new TreeSet<>();
        for (Op op : ops) {
            List<Input> inputs = inputs(op, context);
            generated += inputs.size();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
            while (names.find()) {
                if (!context.values.containsKey(names.group(1))) {
                    unresolved.add(names.group(1));
                }
            }
            if (inputs.size() > MAX_INPUTS_PER_OPERATION) {
                System.out.println("Bad-input sweep: " + op.name() + " sends " + MAX_INPUTS_PER_OPERATION + " of its " + inputs.size() + " inputs");
            }
            for (Input input : sample(op, inputs)) {
                send(op, input, context);
            }
            if (op.destructive() && !context.healthy()) {
                System.out.println("Bad-input sweep: " + op.name() + " removed the sweep's organization; starting another");
                context = new Context();
            }
        }
        var health = http.get("/v1/health");
        if (health.status() != 200) {
            failures.add("server unhealthy after the sweep: GET /v1/health -> " + health.status() + " " + health.body());
        }
        System.out.printf("Bad-input sweep: %d requests over %d operations in %d s (%d inputs generated, the rest sampled out;"
                        + " %d operations not served, skipped)%n",
                requests, ops.size(), (System.nanoTime() - started) / 1_000_000_000L, generated, skipped.size());
        System.out.println("Bad-input sweep: path parameters without a real resource behind them: " + unresolved);
        System.out.println("Bad-input sweep: answers by status: " + statuses);
        if (!unauthorized.isEmpty()) {
            System.out.println("Bad-input sweep: operations that refused the sweep's caller (or limited it) for some input:\n  " + String.join("\n  ", unauthorized));
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad inputs were not answered with the dialect's 4xx:\n  "
                + String.join("\n  ", failures));
        // An input the document forbids (a wrong type, an unknown enum value, a malformed format) must be refused:
        // accepting it means the caller's mistake is silently read as something else.
        assertTrue(accepted.isEmpty(), accepted.size() + " inputs the documents forbid were accepted with 2xx:\n  "
                + String.join("\n  ", accepted));
    }

    void send(Op op, Input input, Context context) {
        requests++;
        List<String> headers = new ArrayList<>(List.of(context.callerFor(op.path())));
        if (input.contentType() != null) {
            headers.add("Content-Type");
            headers.add(input.contentType());
        }
        String what = op.name() + " [" + input.label() + "]";
        TestHttp.Exchange response;
        try {
            response = http.unchecked().send(op.method(), input.path(), input.body(), headers.toArray(String[]::new));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            failures.add(what + ": no answer: " + e);
            return;
        }
        int status = response.status();
        statuses.merge(status, 1, Integer::sum);
        if (status == 401 || status == 403 || status == 429) {
            unauthorized.add(op.name() + " -> " + status);
        }
        if (status >= 500 && !documentedUnavailable(op, status)) {
            failures.add(what + " -> " + status + " " + abbreviate(response.body()));
        } else if (status >= 400) {
            try {
                response.conformsTo(op.document());
            } catch (AssertionError e) {
                failures.add(what + " -> " + status + " not in the document's error shape: " + abbreviate(e.getMessage()));
            }
        } else if (input.forbidden() && status / 100 == 2) {
            accepted.add(what + " -> " + status);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "…" : oneLine;
    }

    static List<Input> sample(Op op, List<Input> inputs) {
        if (inputs.size() <= MAX_INPUTS_PER_OPERATION) {
            return inputs;
        }
        // keep the structural ones (the first eight) and a repeatable sample of the rest
        List<Input> kept = new ArrayList<>(inputs.subList(0, 8));
        List<Input> rest = new ArrayList<>(inputs.subList(8, inputs.size()));
        java.util.Collections.shuffle(rest, new Random(op.name().hashCode()));
        kept.addAll(rest.subList(0, MAX_INPUTS_PER_OPERATION - 8));
        return kept;
    }

    // ------------------------------------------------------------------------------------------------ inputs

    List<Input> inputs(Op op, Context context) {
        List<Input> inputs = new ArrayList<>();
        String validPath = fill(op, context, Map.of());
        String contentType = null;
        Schema<?> bodySchema = null;
        RequestBody requestBody = op.operation().getRequestBody();
        if (requestBody != null && requestBody.get$ref() != null) {
            requestBody = op.api().getComponents().getRequestBodies().get(refName(requestBody.get$ref()));
        }
        if (requestBody != null && requestBody.getContent() != null) {
            for (Map.Entry<String, MediaType> media : requestBody.getContent().entrySet()) {
                if (media.getKey().contains("json")) {
                    contentType = media.getKey();
                    bodySchema = media.getValue().getSchema();
                    break;
                }
            }
        }
        String validBody = null;
        if (bodySchema != null) {
            JsonNode base = example(op.api(), bodySchema, 0);
            validBody = base.toString();
            inputs.add(new Input("malformed JSON", validPath, "{\"a\":", contentType, true));
            inputs.add(new Input("not JSON at all", validPath, "not json", contentType, true));
            String type = type(op.api(), bodySchema);
            if ("array".equals(type)) {
                inputs.add(new Input("object for array body", validPath, "{}", contentType, true));
                inputs.add(new Input("string for array body", validPath, "\"x\"", contentType, true));
                inputs.add(new Input("array of numbers", validPath, "[1,2]", contentType, true));
            } else {
                inputs.add(new Input("array for object body", validPath, "[]", contentType, true));
                inputs.add(new Input("string for object body", validPath, "\"x\"", contentType, true));
                inputs.add(new Input("number for object body", validPath, "42", contentType, true));
                inputs.add(new Input("null body", validPath, "null", contentType, true));
            }
            if (base.isObject()) {
                bodyMutations(op.api(), bodySchema, (ObjectNode) base, "", inputs, validPath, contentType, 0);
            }
            Schema<?> items = deref(op.api(), bodySchema).getItems();
            if (base.isArray() && items != null && "object".equals(type(op.api(), items))) {
                // a batch: one element, swept like an object body; WRAP holds it while mutating and is dropped on sending
                ObjectNode holder = NODES.objectNode();
                holder.set(WRAP, NODES.arrayNode().add(example(op.api(), items, 1)));
                bodyMutations(op.api(), items, holder, WRAP + ".0.", inputs, validPath, contentType, 1);
            }
        }
        // query parameters
        String query = "";
        for (Parameter p : op.parameters()) {
            if (!"query".equals(p.getIn()) || p.getSchema() == null) {
                continue;
            }
            boolean deepObject = p.getStyle() == Parameter.StyleEnum.DEEPOBJECT;
            for (String[] bad : badQueryValues(op.api(), p.getSchema())) {
                inputs.add(new Input("query " + p.getName() + "=" + bad[0].substring(0, Math.min(20, bad[0].length())).replace('\u0000', '0')
                        + " (" + bad[1] + ")", validPath + "?" + encode(p.getName()) + "=" + encode(bad[0]), validBody, contentType,
                        bad.length < 3 && !deepObject));
            }
        }
        inputs.add(new Input("unknown query parameter", validPath + "?sweep_unknown=1", validBody, contentType, false));
        inputs.add(new Input("NUL in an unknown query parameter", validPath + "?sweep_unknown=%00", validBody, contentType, false));
        // path parameters
        for (Parameter p : op.parameters()) {
            if (!"path".equals(p.getIn())) {
                continue;
            }
            for (String[] bad : new String[][] {
                    {"%21%21garbage%27%22%3C%3E%7B%7D", "garbage"}, {"a".repeat(2500), "very long"}, {"%00", "NUL"}, {"a%00b", "embedded NUL"},
                    {"%F0%9F%98%80%C3%BC", "unicode"}, {"%FF%FE", "invalid UTF-8"}, {"-1", "negative"},
                    {"99999999999999999999999999", "huge number"}, {"%20", "blank"}, {"..%2F..%2Fetc", "traversal"}}) {
                inputs.add(new Input("path " + p.getName() + " " + bad[1], fill(op, context, Map.of(p.getName(), bad[0])),
                        validBody, contentType, false));
            }
        }
        return inputs;
    }

    void bodyMutations(OpenAPI api, Schema<?> schema, ObjectNode base, String prefix, List<Input> inputs,
                       String path, String contentType, int depth) {
        Map<String, Schema<?>> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        collect(api, schema, properties, required, 0);
        ObjectNode root = base;
        for (String name : required) {
            if (base.has(name)) {
                ObjectNode copy = root.deepCopy();
                at(copy, prefix).remove(name);
                inputs.add(new Input("missing " + prefix + name, path, body(copy), contentType, true));
            }
        }
        for (Map.Entry<String, Schema<?>> property : properties.entrySet()) {
            String name = property.getKey();
            Schema<?> propertySchema = property.getValue();
            if (Boolean.TRUE.equals(propertySchema.getReadOnly()) || Boolean.TRUE.equals(deref(api, propertySchema).getReadOnly())) {
                continue; // the server's to fill in; a client's value is ignored, as the document allows
            }
            for (Object[] bad : badValues(api, propertySchema)) {
                ObjectNode copy = root.deepCopy();
                at(copy, prefix).put(name, RAW);
                // a 2xx is a finding unless the value is one the document does not forbid (a long string without maxLength)
                boolean forbidden = bad.length < 3;
                inputs.add(new Input(prefix + name + " " + bad[1], path, body(copy).replace("\"" + RAW + "\"", (String) bad[0]),
                        contentType, forbidden));
            }
            Schema<?> resolved = deref(api, propertySchema);
            if (depth < 2 && "object".equals(type(api, resolved)) && resolved.getProperties() != null) {
                ObjectNode copy = root.deepCopy();
                at(copy, prefix).set(name, example(api, resolved, 1));
                bodyMutations(api, resolved, copy, prefix + name + ".", inputs, path, contentType, depth + 1);
            }
            Schema<?> items = resolved.getItems() == null ? null : deref(api, resolved.getItems());
            if (depth < 2 && "array".equals(type(api, resolved)) && items != null && "object".equals(type(api, items))) {
                // one element, its own properties swept like the body's
                ObjectNode copy = root.deepCopy();
                at(copy, prefix).set(name, NODES.arrayNode().add(example(api, items, 1)));
                bodyMutations(api, items, copy, prefix + name + ".0.", inputs, path, contentType, depth + 1);
            }
        }
    }

    static String body(ObjectNode root) {
        return root.has(WRAP) ? root.get(WRAP).toString() : root.toString();
    }

    static ObjectNode at(ObjectNode root, String prefix) {
        JsonNode node = root;
        if (prefix.isEmpty()) {
            return root;
        }
        for (String part : prefix.substring(0, prefix.length() - 1).split("\\.")) {
            node = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return (ObjectNode) node;
    }

    /** Bad JSON values for a property: {raw JSON text, label}. None of them is what the document allows. */
    List<Object[]> badValues(OpenAPI api, Schema<?> raw) {
        Schema<?> schema = deref(api, raw);
        String type = type(api, schema);
        List<Object[]> bad = new ArrayList<>();
        if (type == null) {
            return bad; // any JSON value is allowed
        }
        switch (type) {
            case "string" -> {
                bad.add(new Object[] {"42", "number for string"});
                bad.add(new Object[] {"true", "boolean for string"});
                bad.add(new Object[] {"{\"a\":1}", "object for string"});
                bad.add(new Object[] {"[\"x\"]", "array for string"});
                Integer max = schema.getMaxLength();
                bad.add(max == null ? new Object[] {quote(HUNDRED_KB), "100 KB string", "allowed"}
                        : new Object[] {quote("x".repeat(max + 1)), "over maxLength " + max});
                if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                    bad.add(new Object[] {"\"zz_not_a_documented_value\"", "unknown enum value"});
                }
                if (schema.getFormat() != null && !Set.of("password", "byte", "binary").contains(schema.getFormat())) {
                    bad.add(new Object[] {"\"not a " + schema.getFormat() + "\"", "not a " + schema.getFormat()});
                }
                bad.add(new Object[] {"\"a\\u0000b\"", "NUL in string"});
            }
            case "integer", "number" -> {
                bad.add(new Object[] {"\"12\"", "string for " + type});
                bad.add(new Object[] {"{}", "object for " + type});
                bad.add(new Object[] {"-1", "negative"});
                bad.add(new Object[] {"1e309", "1e309"});
                bad.add(new Object[] {"-1e309", "-1e309"});
                bad.add(new Object[] {"99999999999999999999999999999", "huge"});
                if (type.equals("integer")) {
                    bad.add(new Object[] {"1.5", "fractional for integer"});
                }
                if (schema.getMinimum() != null) {
                    bad.add(new Object[] {schema.getMinimum().subtract(java.math.BigDecimal.ONE).toPlainString(), "below minimum"});
                }
                if (schema.getMaximum() != null) {
                    bad.add(new Object[] {schema.getMaximum().add(java.math.BigDecimal.ONE).toPlainString(), "above maximum"});
                }
            }
            case "boolean" -> {
                bad.add(new Object[] {"\"yes\"", "string for boolean"});
                bad.add(new Object[] {"1", "number for boolean"});
            }
            case "array" -> {
                bad.add(new Object[] {"{}", "object for array"});
                bad.add(new Object[] {"\"x\"", "string for array"});
                Schema<?> items = schema.getItems() == null ? null : deref(api, schema.getItems());
                String itemType = items == null ? null : type(api, items);
                if ("string".equals(itemType)) {
                    bad.add(new Object[] {"[42]", "number in array of strings"});
                } else if ("object".equals(itemType)) {
                    bad.add(new Object[] {"[\"x\"]", "string in array of objects"});
                    bad.add(new Object[] {"[{}]", "empty object in array"});
                } else if ("integer".equals(itemType) || "number".equals(itemType)) {
                    bad.add(new Object[] {"[\"x\"]", "string in array of numbers"});
                }
            }
            case "object" -> {
                bad.add(new Object[] {"[]", "array for object"});
                bad.add(new Object[] {"\"x\"", "string for object"});
                bad.add(new Object[] {"42", "number for object"});
            }
            default -> {
            }
        }
        return bad;
    }

    /** Bad query values: {text, label}. */
    List<String[]> badQueryValues(OpenAPI api, Schema<?> raw) {
        Schema<?> schema = deref(api, raw);
        String type = type(api, schema);
        List<String[]> bad = new ArrayList<>();
        if (type == null) {
            return bad;
        }
        switch (type) {
            case "integer", "number" -> {
                bad.add(new String[] {"abc", "string for " + type});
                bad.add(new String[] {"-1", "negative"});
                bad.add(new String[] {"99999999999999999999999", "huge"});
                bad.add(new String[] {"1e309", "1e309"});
                if (type.equals("integer")) {
                    bad.add(new String[] {"1.5", "fractional"});
                }
            }
            case "boolean" -> bad.add(new String[] {"maybe", "not a boolean"});
            case "string" -> {
                if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                    bad.add(new String[] {"zz_not_a_documented_value", "unknown enum value"});
                }
                if (schema.getFormat() != null) {
                    bad.add(new String[] {"not-a-" + schema.getFormat(), "not a " + schema.getFormat()});
                }
                bad.add(schema.getMaxLength() == null ? new String[] {"x".repeat(3000), "long", "allowed"}
                        : new String[] {"x".repeat(schema.getMaxLength() + 1), "over maxLength"});
                bad.add(new String[] {"a\u0000b", "NUL"});
            }
            case "array" -> {
                Schema<?> items = schema.getItems() == null ? null : deref(api, schema.getItems());
                if (items != null && items.getEnum() != null && !items.getEnum().isEmpty()) {
                    bad.add(new String[] {"zz_not_a_documented_value", "unknown enum value in list"});
                }
                if (items != null && ("integer".equals(type(api, items)) || "number".equals(type(api, items)))) {
                    bad.add(new String[] {"abc", "string in list of numbers"});
                }
                bad.add(new String[] {"a\u0000b", "NUL in list"});
            }
            case "object" -> bad.add(new String[] {"{not-an-object", "garbage for object"});
            default -> {
            }
        }
        return bad;
    }

    // ------------------------------------------------------------------------------------------------ schemas

    /** A value the schema allows, as far as can be told without understanding patterns. */
    static JsonNode example(OpenAPI api, Schema<?> raw, int depth) {
        Schema<?> schema = deref(api, raw);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.valueToTree(schema.getEnum().get(0));
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return example(api, schema.getOneOf().get(0), depth + 1);
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            return example(api, schema.getAnyOf().get(0), depth + 1);
        }
        String type = type(api, schema);
        if (type == null || depth > 6) {
            return NODES.textNode("x");
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Map<String, Schema<?>> properties = new LinkedHashMap<>();
                Set<String> required = new LinkedHashSet<>();
                collect(api, schema, properties, required, 0);
                for (String name : required) {
                    Schema<?> property = properties.get(name);
                    object.set(name, property == null ? NODES.textNode("x") : example(api, property, depth + 1));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int count = schema.getMinItems() == null ? 0 : schema.getMinItems();
                for (int i = 0; i < count && schema.getItems() != null; i++) {
                    array.add(example(api, schema.getItems(), depth + 1));
                }
                yield array;
            }
            case "integer", "number" -> {
                java.math.BigDecimal min = schema.getMinimum();
                yield min != null ? NODES.numberNode(min.max(java.math.BigDecimal.ONE).toBigInteger()) : NODES.numberNode(1);
            }
            case "boolean" -> NODES.booleanNode(true);
            default -> {
                if (schema.getExample() instanceof String text) {
                    yield NODES.textNode(text);
                }
                String format = schema.getFormat() == null ? "" : schema.getFormat();
                yield NODES.textNode(switch (format) {
                    case "date-time" -> "2026-12-01T00:00:00Z";
                    case "date" -> "2026-12-01";
                    case "email" -> "sweep-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                    case "uri", "url" -> "https://example.com/sweep";
                    case "uuid" -> UUID.randomUUID().toString();
                    default -> "sweep" + "x".repeat(Math.max(0, (schema.getMinLength() == null ? 0 : schema.getMinLength()) - 5));
                });
            }
        };
    }

    /** The properties and required names of an object schema, allOf parts merged, first oneOf/anyOf alternative. */
    static void collect(OpenAPI api, Schema<?> raw, Map<String, Schema<?>> properties, Set<String> required, int depth) {
        Schema<?> schema = deref(api, raw);
        if (depth > 8) {
            return;
        }
        if (schema.getAllOf() != null) {
            for (Schema<?> part : schema.getAllOf()) {
                collect(api, part, properties, required, depth + 1);
            }
        }
        if (schema.getProperties() == null && schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            collect(api, schema.getOneOf().get(0), properties, required, depth + 1);
        }
        if (schema.getProperties() == null && schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            collect(api, schema.getAnyOf().get(0), properties, required, depth + 1);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((k, v) -> properties.put(k, v));
        }
        if (schema.getRequired() != null) {
            required.addAll(schema.getRequired());
        }
    }

    static Schema<?> deref(OpenAPI api, Schema<?> schema) {
        Schema<?> current = schema;
        for (int i = 0; i < 10 && current != null && current.get$ref() != null; i++) {
            current = api.getComponents().getSchemas().get(refName(current.get$ref()));
        }
        if (current != null && current.getAllOf() != null && current.getAllOf().size() == 1 && current.getProperties() == null) {
            Schema<?> only = deref(api, current.getAllOf().get(0));
            if (only != null && only.getProperties() == null) {
                return only;
            }
        }
        return current == null ? new Schema<>() : current;
    }

    static String type(OpenAPI api, Schema<?> raw) {
        Schema<?> schema = deref(api, raw);
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            for (Object type : schema.getTypes()) {
                if (!"null".equals(type)) {
                    return (String) type;
                }
            }
        }
        if (schema.getProperties() != null || schema.getAllOf() != null) {
            return "object";
        }
        return null;
    }

    static Parameter resolve(OpenAPI api, Parameter parameter) {
        if (parameter.get$ref() != null) {
            return api.getComponents().getParameters().get(refName(parameter.get$ref()));
        }
        return parameter;
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    // ------------------------------------------------------------------------------------------------ paths

    /** The served path with each parameter replaced: {@code overrides} first (already encoded), then real ids. */
    static String fill(Op op, Context context, Map<String, String> overrides) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
        while (m.find()) {
            String name = m.group(1);
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : encode(name.equals("id") && op.document() == Document.PHP_TENANT ? context.values.getOrDefault("package", "1")
                    : context.values.getOrDefault(name, "sweep-unknown-" + name));
            m.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return path.toString();
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String quote(String text) {
        return NODES.textNode(text).toString();
    }

    static String normalize(String template) {
        String path = template.replaceAll("\\{[?&/][^}]*}", "").replaceAll("\\{[^}]*}", "{}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
