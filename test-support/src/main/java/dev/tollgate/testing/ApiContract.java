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
        PLANETSCALE("planetscale", "planetscale-platform.yaml", "Error"),
        CENTRALI("centrali", "centrali-workspace.json", "def-4"),
        OPENMETER("openmeter", "openmeter.yaml", "UnexpectedProblemResponse"),
        PHP_TENANT("php-tenant", "php-tenant.yaml", "ValidationErrorBody");

        final String seed;
        final String file;
        /** The document's general error schema, for error statuses an operation does not list itself. */
        final String errorSchema;

        Document(String seed, String file, String errorSchema) {
            this.seed = seed;
            this.file = file;
            this.errorSchema = errorSchema;
        }
    }

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
     * Checks one exchange; throws {@link AssertionError} listing every mismatch. {@code path} is the served path
     * including the query string.
     */
    public static void assertValid(Document document, String method, String path, int status,
                                   String contentType, String responseBody) {
        String[] pathAndQuery = path.split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
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
                // The request side is checked by our own bad-input tests; here we hold the response to the document.
                .filter(m -> !m.getKey().startsWith("validation.request"))
                .toList());
        boolean undocumentedError = status >= 400 && status < 500
                && problems.removeIf(m -> m.getKey().equals("validation.response.status.unknown"));
        if (undocumentedError) {
            // Documents do not list every client error for every operation (a 422 for a bad page number on a
            // list, say); such a response must still have the document's general error shape.
            Schema<?> errorSchema = new Schema<>().$ref("#/components/schemas/" + document.errorSchema);
            String body = responseBody == null ? "" : responseBody;
            problems.addAll(loaded.schemas().validate(body, errorSchema, "response.body").getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList());
            if (!body.startsWith("{")) {
                throw new AssertionError(method + " " + path + " -> " + status + ": error body is not a JSON object: " + body);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " -> " + status + " breaks " + document.file + ":\n"
                    + problems.stream().map(ApiContract::describe).collect(Collectors.joining("\n"))
                    + "\nbody: " + responseBody);
        }
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
            inlineNullableReferences(spec, spec);
            if (document == Document.CENTRALI) {
                // Centrali declares 3.0.3 but uses 3.1 type arrays (["null","string"]) on some routes; read it as
                // the 3.1 it is written in, or the parser refuses the whole document.
                ((ObjectNode) spec).put("openapi", "3.1.0");
            }
            String text = JSON.writeValueAsString(spec);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI parsed = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
            // resolveCombinators merges allOf parts first; otherwise each part alone rejects the others' fields.
            return new Loaded(OpenApiInteractionValidator.createForInlineApiSpecification(text)
                    .withResolveRefs(true).withResolveCombinators(true)
                    // The validator would otherwise close each allOf part with additionalProperties:false. None of
                    // the documents closes an object itself, so ignoring the injected rule loses nothing.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build(),
                    new SchemaValidator(parsed, new MessageResolver()), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    static Path apiDirectory() {
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
