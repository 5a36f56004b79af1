package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads a JSON string into a {@code String} and nothing else. Micronaut Serde's own String deserializer calls
 * {@code Decoder.decodeString()}, which coerces numbers and booleans to their text ({@code "name": 42} became
 * {@code "42"}); every API document types these fields as strings, so a number, boolean, object or array is a wrong
 * type, reported like any other unreadable body (each dialect's 400 or 422). Being {@code @Primary}, this bean wins
 * over the built-in serde for every {@code String} property and list element of every request record.
 */
@Primary
@Singleton
final class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof String s) {
            if (s.indexOf('\u0000') >= 0) {
                // PostgreSQL's text cannot hold NUL; refused here, the same for every field, not as a 500 at the store
                throw decoder.createDeserializationException("a string must not contain NUL characters (\\u0000)", value);
            }
            return s;
        }
        throw decoder.createDeserializationException("expected a JSON string but found " + kind(value), value);
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof java.util.Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }
}
