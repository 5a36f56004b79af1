package dev.tollgate.platform.persistence;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code jsonb} columns written as text by hand-written SQL (rows read through Micronaut Data map JSON themselves). */
public final class JsonColumns {
    private JsonColumns() {
    }

    /** A {@code jsonb} column's text as plain maps, lists and scalars; null stays null. */
    public static Object read(JsonMapper json, String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
