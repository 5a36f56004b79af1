package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code expand[]}: replaces an id at a dotted path ({@code customer}, {@code invoice_settings.default_payment_method},
 * {@code data.customer} in a list) with the object it names, from any store.
 */
final class Expansion {
    private Expansion() {
    }

    static ObjectNode apply(ObjectNode body, List<String> paths, StripeState state) {
        if (paths.isEmpty()) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        for (String path : paths) {
            expand(copy, path.split("\\."), 0, state, path);
        }
        return copy;
    }

    private static void expand(JsonNode node, String[] path, int at, StripeState state, String whole) {
        if (node.isArray()) {
            node.forEach(item -> expand(item, path, at, state, whole));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        if (!object.has(path[at])) {
            throw StripeError.invalid("expand", "This property cannot be expanded (" + whole + ").");
        }
        JsonNode child = object.get(path[at]);
        if (at == path.length - 1) {
            if (child.isTextual()) {
                ObjectNode found = state.anyById(child.asText());
                if (found == null) {
                    throw StripeError.invalid("expand", "This property cannot be expanded (" + whole + ").");
                }
                object.set(path[at], found.deepCopy());
            } else if (!child.isNull() && !child.isObject()) {
                throw StripeError.invalid("expand", "This property cannot be expanded (" + whole + ").");
            }
            return;
        }
        expand(child, path, at + 1, state, whole);
    }
}
