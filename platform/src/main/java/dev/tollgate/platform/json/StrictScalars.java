package dev.tollgate.platform.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What a JSON value is, for the strict deserializers: a number field takes a JSON number, a boolean field a JSON
 * boolean, and nothing else. Micronaut Serde's own ones coerce ({@code "port": "12"} became 12, {@code true} from
 * {@code 1}); every API document types these fields, so another JSON type is a wrong type, reported like any other
 * unreadable body (each dialect's 400 or 422).
 */
final class StrictScalars {
    private StrictScalars() {
    }

    /** A JSON integer within {@code [min, max]}. */
    static long integer(Decoder decoder, long min, long max) throws IOException {
        Object value = decoder.decodeArbitrary();
        BigInteger whole;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            whole = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            whole = b;
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            whole = d.toBigIntegerExact();
        } else if (value instanceof Double d && !d.isInfinite() && !d.isNaN() && d == Math.rint(d)) {
            whole = BigDecimal.valueOf(d).toBigIntegerExact();
        } else {
            throw wrong(decoder, "an integer", value);
        }
        if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
            throw decoder.createDeserializationException("expected an integer between " + min + " and " + max + " but found " + whole, value);
        }
        return whole.longValue();
    }

    static boolean bool(Decoder decoder) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrong(decoder, "true or false", value);
    }

    static IOException wrong(Decoder decoder, String expected, Object value) {
        return decoder.createDeserializationException("expected " + expected + " but found " + kind(value), value);
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }
}
