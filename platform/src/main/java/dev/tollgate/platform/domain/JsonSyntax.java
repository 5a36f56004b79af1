package dev.tollgate.platform.domain;

import java.util.Map;
import java.util.Optional;

/**
 * JSON text held in a field: a static entitlement's configuration (in a plan's template or an entitlement) must be a
 * JSON object; an event's data is written as one.
 */
public interface JsonSyntax {
    /** The object {@code text} holds; empty when it is not a JSON object. */
    Optional<Map<String, Object>> parseObject(String text);

    /** {@code value} (maps, lists, strings, numbers, booleans, null) as JSON text. */
    String write(Object value);

    /**
     * The JSON object a serializable view writes, as a map: a module's document embedded in another module's message
     * (a notification carries the entitlement, feature and subject it is about) is written by its own view.
     */
    default Map<String, Object> document(Object view) {
        String text = write(view);
        return parseObject(text).orElseThrow(() -> new IllegalArgumentException("not a JSON object: " + text));
    }

    default boolean isObject(String text) {
        return parseObject(text).isPresent();
    }
}
