package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Tollgate's own OpenAPI document (generated at compile time) shows what each operation answers: every JSON response
 * body is a named schema with properties, not a free-form object. A controller answering a {@code Map} would show up
 * here as {@code type: object} with nothing in it. The exceptions answer one of two shapes and say so in their code:
 * the OpenMeter lists that are a page object or a plain array depending on the parameters, and the meter queries that
 * are JSON or CSV.
 */
class GeneratedDocumentTypesTest {
    private static final Set<String> TWO_SHAPES = Set.of(
            "GET /api/v1/features", "GET /api/v1/entitlements", "GET /api/v1/grants",
            "GET /api/v1/meters/{meterIdOrSlug}/query", "GET /api/v1/portal/meters/{meterSlug}/query");

    @Test
    @SuppressWarnings("unchecked")
    void everyJsonResponseBodyHasATypedSchema() throws IOException {
        Map<String, Object> doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/tollgate.yml")) {
            assertNotNull(in, "the generated META-INF/swagger/tollgate.yml is not on the classpath");
            doc = new Yaml().load(in);
        }
        Set<String> untyped = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.forEach((method, raw) -> {
            if (!(raw instanceof Map<?, ?> operation) || !(operation.get("responses") instanceof Map<?, ?> responses)) {
                return;
            }
            String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
            responses.forEach((status, response) -> {
                Object content = ((Map<String, Object>) response).get("content");
                if (content instanceof Map<?, ?> types && types.get("application/json") instanceof Map<?, ?> json
                        && freeForm((Map<String, Object>) json.get("schema")) && !TWO_SHAPES.contains(name)) {
                    untyped.add(name + " " + status);
                }
            });
        }));
        assertEquals(Set.of(), untyped, "responses whose body the generated document cannot describe");
    }

    /** An object with no properties and no typed values, or an array of such objects. */
    @SuppressWarnings("unchecked")
    private static boolean freeForm(Map<String, Object> schema) {
        if (schema == null || schema.containsKey("$ref") || schema.containsKey("allOf") || schema.containsKey("oneOf")) {
            return schema == null;
        }
        if ("array".equals(schema.get("type"))) {
            return freeForm((Map<String, Object>) schema.get("items"));
        }
        if (!"object".equals(schema.get("type")) || schema.containsKey("properties")) {
            return false;
        }
        return !(schema.get("additionalProperties") instanceof Map<?, ?> values) || freeForm((Map<String, Object>) values);
    }
}
