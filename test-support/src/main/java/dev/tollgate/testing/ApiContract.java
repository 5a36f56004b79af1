package dev.tollgate.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates real HTTP exchanges against the API documents in {@code docs/api/}. Each document's paths are
 * re-keyed to where Tollgate serves them ({@code served_at} in operations.tsv), so a response is checked at
 * exactly the URL a client calls.
 */
public final class ApiContract {
    /** The five documents, by the name operations.tsv uses for them. */
    public enum Document {
        PGBEAM("pgbeam", "pgbeam-control-plane.json", "Error"),
        PLANETSCALE("planetscale", "planetscale-platform.yaml", FALLBACK_ERROR),
        CENTRALI("centrali", "centrali-workspace.json", "def-4"),
        OPENMETER("openmeter", "openmeter.yaml", "UnexpectedProblemResponse"),
        PHP_TENANT("php-tenant", "php-tenant.yaml", FALLBACK_ERROR);

        final String seed;
        final String file;
        /** The document's general error schema, for error statuses an operation does not list itself. */
        final String errorSchema;

        Document(String seed, String file, String errorSchema) {
            this.seed = seed;
            this.file = file;
            this.errorSchema = errorSchema;
        }

        static Document bySeed(String seed) {
            for (Document d : values()) {
                if (d.seed.equals(seed)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("no document " + seed);
        }
    }

    /**
     * Where a document's general error schema requires nothing (PlanetScale's {@code Error}, php-tenant's several
     * bodies), a 4xx in another dialect's shape would pass it; this schema, added to those documents when loaded,
     * requires the fields the dialect's errors always carry.
     */
    static final String FALLBACK_ERROR = "TollgateCheckedError";

    /** The keys a document's prose promises and its schema omits (see {@link #addProsePromises}), in {@code docs/api}. */
    static final String PROSE_PROMISES = "prose-promises.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<Document, Loaded> LOADED = new ConcurrentHashMap<>();

    private record Loaded(OpenApiInteractionValidator interactions, SchemaValidator schemas, OpenAPI api) {
    }

    /** The document as parsed for validation, its paths re-keyed to where Tollgate serves them (read-only use). */
    public static OpenAPI openApi(Document document) {
        return LOADED.computeIfAbsent(document, ApiContract::load).api();
    }

    private ApiContract() {
    }

    /**
     * Checks one exchange against {@code document}; throws {@link AssertionError} listing every mismatch, including
     * "this is not an operation of the document". {@code path} is the served path including the query string.
     */
    public static void assertValid(Document document, String method, String path, int status,
                                   String contentType, String responseBody) {
        assertValid(document, method, path, false, null, null, status, contentType, responseBody);
    }

    /**
     * The strict check. Response side: everything the document says, extra properties included (ADR 0004; the only
     * extra keys allowed are the few its prose promises, {@value #PROSE_PROMISES}, ADR 0069), an
     * undocumented error status in the document's general error shape, an undocumented 5xx never. Request side: a
     * request the document forbids may be refused (4xx), never accepted; security requirements are left to the
     * authentication tests, since Tollgate also takes the dashboard's credentials (session cookie, JWT) everywhere.
     */
    static void assertValid(Document document, String method, String path, boolean requestKnown, String requestContentType,
                            String requestBody, int status, String contentType, String responseBody) {
        String[] pathAndQuery = path.split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] kv = pair.split("=", 2);
                String name = java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8);
                if (name.isEmpty() || name.contains("[")) {
                    // deepObject parameters (keyVersion[pro]=1) are misread by the validator; the tests that send
                    // them check what they select
                    continue;
                }
                request.withQueryParam(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                        kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
            if (requestContentType != null) {
                request.withContentType(requestContentType);
            }
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        Loaded loaded = LOADED.computeIfAbsent(document, ApiContract::load);
        ValidationReport report = loaded.interactions().validate(request.build(), response.build());
        List<ValidationReport.Message> problems = new java.util.ArrayList<>(report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> counts(document, m, status, requestKnown))
                .toList());
        boolean undocumentedError = status >= 400
                && problems.removeIf(m -> m.getKey().equals("validation.response.status.unknown"));
        String body = responseBody == null ? "" : responseBody.strip();
        if (status >= 400 && !(body.startsWith("{") && !body.equals("{}"))) {
            throw new AssertionError(method + " " + path + " -> " + status + ": an error body must be a JSON object with the "
                    + document.seed + " error fields, not: " + responseBody);
        }
        if (undocumentedError) {
            if (status >= 500 && status != 503) {
                // 503 is the one server-side answer Tollgate gives on purpose (a statement cut short, an upstream down)
                throw new AssertionError(method + " " + path + " -> " + status + " (not in " + document.file + "): " + responseBody);
            }
            // Documents do not list every client error for every operation (a 422 for a bad page number on a
            // list, say); such a response must still have the document's general error shape.
            problems.addAll(errorShapeProblems(document, body));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " -> " + status + " breaks " + document.file + ":\n"
                    + problems.stream().map(ApiContract::describe).collect(Collectors.joining("\n"))
                    + "\nbody: " + responseBody);
        }
    }

    /**
     * The automatic check of every test call: a call of a documented operation must be answered as its document
     * says, and is counted in {@link ContractCoverage}. Calls of Tollgate's own routes pass unchecked.
     */
    static void check(TestHttp.Exchange exchange, String requestContentType, String requestBody) {
        DocumentedOperations.find(exchange.method(), exchange.path()).ifPresent(operation -> {
            assertValid(operation.document(), exchange.method(), exchange.path(), true, requestContentType, requestBody,
                    exchange.status(), exchange.contentType(), exchange.body());
            ContractCoverage.record(operation, exchange.status(), isEmptyList(exchange.body()));
        });
    }

    /** See {@link TestHttp.Exchange#conformsTo}. */
    static void assertConforms(Document document, String method, String path, int status, String contentType, String body) {
        var operation = DocumentedOperations.find(method, path);
        if (operation.isPresent()) {
            if (operation.get().document() != document) {
                throw new AssertionError(method + " " + path + " is " + operation.get().document().file + "'s "
                        + operation.get().operationId() + ", not an operation of " + document.file);
            }
            assertValid(document, method, path, status, contentType, body);
            return;
        }
        if (status < 400) {
            throw new AssertionError(method + " " + path + " -> " + status + " is not an operation of " + document.file
                    + ", so its success has nothing to conform to; check its body in the test");
        }
        String text = body == null ? "" : body.strip();
        List<ValidationReport.Message> problems = errorShapeProblems(document, text);
        if (!text.startsWith("{") || !problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " -> " + status + " is not in " + document.file + "'s error shape:\n"
                    + problems.stream().map(ApiContract::describe).collect(Collectors.joining("\n")) + "\nbody: " + body);
        }
    }

    /**
     * Checks a JSON body that is no HTTP answer of the document (a webhook's payload, say) against one of its component
     * schemas, as the answers are checked; throws {@link AssertionError} listing every mismatch.
     */
    public static void assertMatchesSchema(Document document, String schema, String body) {
        Loaded loaded = LOADED.computeIfAbsent(document, ApiContract::load);
        List<ValidationReport.Message> problems = loaded.schemas().validate(body, new Schema<>().$ref("#/components/schemas/" + schema), "body")
                .getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
        if (!problems.isEmpty()) {
            throw new AssertionError("not a " + schema + " of " + document.file + ":\n"
                    + problems.stream().map(ApiContract::describe).collect(Collectors.joining("\n")) + "\nbody: " + body);
        }
    }

    /** How {@code body} breaks the document's general error schema (nothing when it has that shape). */
    private static List<ValidationReport.Message> errorShapeProblems(Document document, String body) {
        Loaded loaded = LOADED.computeIfAbsent(document, ApiContract::load);
        return loaded.schemas().validate(body, new Schema<>().$ref("#/components/schemas/" + document.errorSchema), "response.body")
                .getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
    }

    /** Whether a 2xx body is, or holds at its top level, an empty list: what a list of nothing looks like. */
    private static boolean isEmptyList(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.isArray()) {
                return node.isEmpty();
            }
            for (JsonNode child : node) {
                if (child.isArray() && child.isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Which of the validator's messages are defects of Tollgate (see {@link #assertValid}). */
    private static boolean counts(Document document, ValidationReport.Message m, int status, boolean requestKnown) {
        String key = m.getKey();
        if (document == Document.CENTRALI && key.equals("validation.request.body.unexpected")) {
            // Likewise for requests: Centrali's POST /webhooks/stripe takes Stripe's event, which its document does
            // not describe (seed 002: "no body schema documented").
            return false;
        }
        if (key.equals("validation.response.body.unexpected")) {
            // Centrali's generated document leaves many answers undescribed ("Default Response", no content): it
            // is silent about their body, which is not the same as forbidding one.
            return false;
        }
        if (!key.startsWith("validation.request")) {
            return true;
        }
        if (key.equals("validation.request.path.missing") || key.equals("validation.request.operation.notAllowed")) {
            return true; // not an operation of this document at all
        }
        // OpenAPI does not forbid query parameters a document does not name; servers ignore them
        if (key.startsWith("validation.request.security") || key.equals("validation.request.parameter.query.unexpected") || !requestKnown) {
            return false;
        }
        return status < 400; // an invalid request that was accepted
    }

    private static String describe(ValidationReport.Message m) {
        StringBuilder text = new StringBuilder("  - " + m.getKey() + ": " + m.getMessage());
        for (String nested : m.getAdditionalInfo()) {
            text.append("\n      ").append(nested);
        }
        for (ValidationReport.Message nested : m.getNestedMessages()) {
            text.append("\n    ").append(describe(nested));
        }
        return text.toString();
    }

    private static Loaded load(Document document) {
        try {
            Path dir = apiDirectory();
            JsonNode spec = (document.file.endsWith(".json") ? JSON : YAML).readTree(dir.resolve(document.file).toFile());
            rekeyToServedPaths((ObjectNode) spec, servedPaths(dir.resolve("operations.tsv"), document.seed));
            addProsePromises(document, (ObjectNode) spec, dir.resolve(PROSE_PROMISES));
            inlineNullableReferences(spec, spec);
            mergeAllOf(spec, spec);
            typeStringUnions(spec);
            addFallbackError(document, (ObjectNode) spec);
            if (document == Document.CENTRALI) {
                // Centrali declares 3.0.3 but uses 3.1 type arrays (["null","string"]) on some routes; read it as
                // the 3.1 it is written in, or the parser refuses the whole document.
                ((ObjectNode) spec).put("openapi", "3.1.0");
                nullAlternatives(spec);
            }
            String text = JSON.writeValueAsString(spec);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI parsed = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
            // resolveCombinators merges allOf parts first; otherwise each part alone rejects the others' fields.
            return new Loaded(OpenApiInteractionValidator.createForInlineApiSpecification(text)
                    .withResolveRefs(true).withResolveCombinators(true)
                    // The validator closes every object schema (additionalProperties: false) unless it says otherwise:
                    // a response property the document does not name is a defect (ADR 0004). A client may send
                    // more than the document names, and Tollgate ignores it, as the documents' servers do.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build(),
                    new SchemaValidator(parsed, new MessageResolver()), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keys a document's own prose promises but its schema omits (ADR 0069), one per line of {@value #PROSE_PROMISES}:
     * php-tenant's getWebhook "including delivery count and the 10 most recent deliveries", say, whose {@code Webhook}
     * schema has no key for the deliveries. Each key is added, with the schema its line gives, to that one operation's
     * success body at its location. A shared component on the way there is copied into that body rather than changed,
     * so the key is still an extra property (an error, ADR 0004) in every other answer. A line is refused when the
     * operation's description does not say its prose, or when the schema names the key itself (the document caught up).
     */
    private static void addProsePromises(Document document, ObjectNode spec, Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] cols = line.split("\t", -1);
            if (line.isBlank() || line.startsWith("#") || !cols[0].equals(document.seed)) {
                continue;
            }
            if (cols.length != 5) {
                throw new IllegalStateException(file + ": not five tab-separated columns: " + line);
            }
            String operationId = cols[1];
            String where = document.file + " " + operationId + " " + cols[2];
            ObjectNode operation = operation(spec, operationId)
                    .orElseThrow(() -> new IllegalStateException(file + ": " + document.file + " has no operation " + operationId));
            String prose = cols[4].replaceAll("^\"|\"$", "");
            if (!operation.path("description").asText().replaceAll("\\s+", " ").contains(prose)) {
                throw new IllegalStateException(file + ": " + where + ": the operation's description does not say \"" + prose + "\"");
            }
            ObjectNode responses = object(operation.get("responses"), where);
            String success = null; // the operation's (first) 2xx
            for (Iterator<String> statuses = responses.fieldNames(); statuses.hasNext() && success == null; ) {
                String status = statuses.next();
                success = status.startsWith("2") ? status : null;
            }
            if (success == null) {
                throw new IllegalStateException(file + ": " + where + ": the operation has no success response");
            }
            JsonNode body = ownCopy(spec, responses, success, where).path("content").get("application/json");
            ObjectNode schema = ownCopy(spec, object(body, where), "schema", where);
            String[] keys = cols[2].split("\\.");
            for (int i = 0; i < keys.length - 1; i++) {
                schema = ownCopy(spec, object(schema.get("properties"), where), keys[i], where);
            }
            ObjectNode properties = object(schema.get("properties"), where);
            if (properties.has(keys[keys.length - 1])) {
                throw new IllegalStateException(where + " is in the schema now: remove its line from " + file);
            }
            properties.set(keys[keys.length - 1], JSON.readTree(cols[3]));
        }
    }

    private static java.util.Optional<ObjectNode> operation(JsonNode spec, String operationId) {
        for (JsonNode item : spec.path("paths")) {
            for (JsonNode operation : item) {
                if (operation.isObject() && operationId.equals(operation.path("operationId").asText())) {
                    return java.util.Optional.of((ObjectNode) operation);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code holder}'s schema {@code field}, a {@code $ref} replaced by its own copy of what it references, to change alone. */
    private static ObjectNode ownCopy(JsonNode spec, ObjectNode holder, String field, String where) {
        JsonNode schema = holder.get(field);
        if (schema != null && schema.has("$ref")) {
            schema = spec.at(schema.get("$ref").asText().substring(1)).deepCopy();
            holder.set(field, schema);
        }
        return object(schema, where + " (at " + field + ")");
    }

    private static ObjectNode object(JsonNode node, String where) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException(where + ": no object schema there");
    }

    /**
     * The validator closes every object schema, each part of an {@code allOf} on its own, so a body with the
     * properties of both parts would break each. An {@code allOf} of plain objects is therefore merged here into one
     * object with all their properties and requirements, which says the same and can be closed.
     */
    private static void mergeAllOf(JsonNode spec, JsonNode node) {
        if (node.isArray()) {
            node.forEach(child -> mergeAllOf(spec, child));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        object.forEach(child -> mergeAllOf(spec, child));
        JsonNode allOf = object.get("allOf");
        if (allOf == null || !allOf.isArray()) {
            return;
        }
        List<ObjectNode> parts = new java.util.ArrayList<>();
        for (JsonNode part : allOf) {
            JsonNode resolved = part.has("$ref") ? spec.at(part.get("$ref").asText().substring(1)) : part;
            if (!resolved.isObject() || resolved.has("oneOf") || resolved.has("anyOf")) {
                return; // not a plain object: leave it to the validator
            }
            ObjectNode copy = resolved.deepCopy();
            mergeAllOf(spec, copy);
            if (copy.has("allOf") || (!copy.has("properties") && !"object".equals(copy.path("type").asText("object")))) {
                return;
            }
            parts.add(copy);
        }
        ObjectNode properties = JSON.createObjectNode();
        java.util.Set<String> required = new java.util.LinkedHashSet<>();
        for (ObjectNode part : parts) {
            if (part.has("properties")) {
                properties.setAll((ObjectNode) part.get("properties"));
            }
            part.path("required").forEach(r -> required.add(r.asText()));
            if (part.has("additionalProperties") && !object.has("additionalProperties")) {
                object.set("additionalProperties", part.get("additionalProperties"));
            }
        }
        object.remove("allOf");
        object.put("type", "object");
        if (object.has("properties")) {
            properties.setAll((ObjectNode) object.get("properties"));
        }
        object.set("properties", properties);
        object.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode list = object.putArray("required");
            required.forEach(list::add);
        }
    }

    /**
     * A parameter whose schema is a union of strings (OpenMeter's {@code ULIDOrExternalKey}) is read by the validator
     * as JSON ("acme" is not JSON). Such a parameter is given the plain string schema every alternative shares.
     */
    private static void typeStringUnions(JsonNode spec) {
        List<JsonNode> parameters = new java.util.ArrayList<>();
        spec.path("components").path("parameters").forEach(parameters::add);
        spec.path("paths").forEach(item -> {
            item.path("parameters").forEach(parameters::add);
            item.forEach(operation -> operation.path("parameters").forEach(parameters::add));
        });
        for (JsonNode parameter : parameters) {
            JsonNode schema = parameter.path("schema");
            ObjectNode holder = (ObjectNode) parameter;
            String slot = "schema";
            if ("array".equals(schema.path("type").asText()) && schema.has("items")) {
                holder = (ObjectNode) schema; // a list of such values (?customer=a&customer=b)
                slot = "items";
                schema = schema.get("items");
            }
            JsonNode resolved = schema.has("$ref") ? spec.at(schema.get("$ref").asText().substring(1)) : schema;
            JsonNode union = resolved.has("anyOf") ? resolved.get("anyOf") : resolved.get("oneOf");
            if (union == null || !union.isArray() || union.isEmpty() || !parameter.isObject()) {
                continue;
            }
            boolean strings = true;
            for (JsonNode alternative : union) {
                JsonNode alt = alternative.has("$ref") ? spec.at(alternative.get("$ref").asText().substring(1)) : alternative;
                strings &= "string".equals(alt.path("type").asText());
            }
            if (strings) {
                holder.set(slot, JSON.createObjectNode().put("type", "string"));
            }
        }
    }

    /**
     * Centrali writes a nullable object as {@code oneOf: [{type: object, ...}, {type: "null"}]}. The validator reads the
     * {@code null} alternative as a schema without a type, which every value matches, so an object matches both and
     * breaks the {@code oneOf}. Such a union becomes the object schema typed {@code [object, "null"]}, which says the same.
     */
    private static void nullAlternatives(JsonNode node) {
        if (node.isArray()) {
            node.forEach(ApiContract::nullAlternatives);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (String combinator : List.of("oneOf", "anyOf")) {
            JsonNode union = object.get(combinator);
            if (union == null || !union.isArray() || union.size() != 2) {
                continue;
            }
            JsonNode nullOne = null;
            JsonNode other = null;
            for (JsonNode alternative : union) {
                if ("null".equals(alternative.path("type").asText()) && alternative.size() == 1) {
                    nullOne = alternative;
                } else {
                    other = alternative;
                }
            }
            if (nullOne != null && other != null && other.path("type").isTextual() && !other.has("$ref")) {
                object.remove(combinator);
                ObjectNode copy = other.deepCopy();
                copy.set("type", JSON.createArrayNode().add(other.get("type").asText()).add("null"));
                object.setAll(copy);
            }
        }
        object.forEach(ApiContract::nullAlternatives);
    }

    /** See {@link #FALLBACK_ERROR}. */
    private static void addFallbackError(Document document, ObjectNode spec) throws IOException {
        String schema = switch (document) {
            case PLANETSCALE -> """
                    {"type":"object","required":["code","message"],"additionalProperties":false,
                     "properties":{"code":{"type":"string"},"message":{"type":"string"}}}""";
            // php-tenant writes {"message", "errors"?} for most errors, {"error"} for 401 and {"success": false,
            // "error"} on the provisioning and usage routes, as its document's responses show.
            case PHP_TENANT -> """
                    {"anyOf":[
                      {"type":"object","required":["message"],"additionalProperties":false,"properties":{
                        "message":{"type":"string"},"error":{"type":"string"},
                        "errors":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},
                      {"type":"object","required":["error"],"additionalProperties":false,"properties":{
                        "error":{"type":"string"},"success":{"type":"boolean","enum":[false]},"message":{"type":"string"}}}]}""";
            default -> null;
        };
        if (schema != null) {
            ((ObjectNode) spec.get("components").get("schemas")).set(FALLBACK_ERROR, JSON.readTree(schema));
        }
    }

    /**
     * OpenAPI 3.0 cannot put {@code nullable} beside a {@code $ref}, so the documents write a nullable reference as
     * {@code {type: object, allOf: [{$ref}], nullable: true}}. The validator merges the allOf and loses the
     * {@code nullable}, rejecting a null the document allows (OpenMeter's free rate card, {@code "price": null}).
     * Such a schema is replaced by a copy of the referenced schema that is itself nullable, which says the same.
     */
    private static void inlineNullableReferences(JsonNode spec, JsonNode node) {
        if (node.isArray()) {
            node.forEach(child -> inlineNullableReferences(spec, child));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode child = field.getValue();
            JsonNode allOf = child.get("allOf");
            boolean soleReference = allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref") && !child.has("properties")
                    && !child.has("oneOf") && !child.has("anyOf");
            if (soleReference && child.path("nullable").asBoolean(false)) {
                String ref = allOf.get(0).get("$ref").asText();
                JsonNode target = spec.at(ref.substring(1));
                if (target.isObject()) {
                    field.setValue(nullableCopy(spec, (ObjectNode) target));
                    continue;
                }
            } else if (soleReference) {
                // allOf: [$ref] only adds a description; merged, a referenced anyOf (OpenMeter's RecurringPeriodInterval)
                // became an object. The reference alone says the same.
                field.setValue(JSON.createObjectNode().put("$ref", allOf.get(0).get("$ref").asText()));
                continue;
            }
            inlineNullableReferences(spec, child);
        }
    }

    /**
     * A nullable copy of {@code target}. The validator ignores {@code nullable} on a oneOf, so a oneOf becomes an
     * anyOf of nullable copies of its alternatives (they differ by their {@code type} enum, so at most one matches a
     * non-null value anyway), without the discriminator, which cannot read a null.
     */
    private static ObjectNode nullableCopy(JsonNode spec, ObjectNode target) {
        ObjectNode copy = target.deepCopy();
        copy.put("nullable", true);
        JsonNode oneOf = copy.remove("oneOf");
        if (oneOf != null) {
            copy.remove("discriminator");
            com.fasterxml.jackson.databind.node.ArrayNode anyOf = copy.putArray("anyOf");
            for (JsonNode alternative : oneOf) {
                JsonNode resolved = alternative.has("$ref") ? spec.at(alternative.get("$ref").asText().substring(1)) : alternative;
                ObjectNode nullable = resolved.deepCopy();
                nullable.put("nullable", true);
                anyOf.add(nullable);
            }
        }
        return copy;
    }

    /** spec path -> served path, from operations.tsv (the prefix is the same for every method of a path). */
    private static Map<String, String> servedPaths(Path tsv, String seed) throws IOException {
        Map<String, String> map = new HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] cols = line.split("\t", -1);
            if (cols.length >= 4 && cols[0].equals(seed)) {
                map.put(cols[3], cols[2]);
            }
        }
        return map;
    }

    private static void rekeyToServedPaths(ObjectNode spec, Map<String, String> served) {
        ObjectNode paths = (ObjectNode) spec.get("paths");
        ObjectNode rekeyed = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            rekeyed.set(served.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue());
        }
        spec.set("paths", rekeyed);
        spec.set("servers", JSON.createArrayNode().add(JSON.createObjectNode().put("url", "/")));
    }

    /** {@code docs/api} of the checkout, found from whichever module directory the tests run in. */
    public static Path apiDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs/api/operations.tsv");
            if (Files.exists(candidate)) {
                return candidate.getParent();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/api/operations.tsv not found above " + Path.of("").toAbsolutePath());
    }
}
