package dev.tollgate.platform.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code jsonb} columns written and read as text by hand-written SQL: values to JSON, JSON to string maps. */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static String write(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object of strings, in its order; null for null. */
    public static Map<String, String> stringMap(JsonMapper json, String text) {
        if (text == null) {
            return null;
        }
        try {
            return new LinkedHashMap<>(json.readValue(text, Argument.mapOf(String.class, String.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object of any values (nested objects as maps, arrays as lists), in its order; null for null. */
    public static Map<String, Object> objectMap(JsonMapper json, String text) {
        if (text == null) {
            return null;
        }
        try {
            return new LinkedHashMap<>(json.readValue(text, Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
