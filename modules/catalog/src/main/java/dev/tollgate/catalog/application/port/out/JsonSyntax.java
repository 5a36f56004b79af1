package dev.tollgate.catalog.application.port.out;

import java.util.Map;
import java.util.Optional;

/** JSON text that entitlement templates carry: a static entitlement's configuration must be a JSON object. */
public interface JsonSyntax {
    /** The object {@code text} holds; empty when it is not a JSON object. */
    Optional<Map<String, Object>> parseObject(String text);

    default boolean isObject(String text) {
        return parseObject(text).isPresent();
    }
}
