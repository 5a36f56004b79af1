package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Stripe's metadata rules: an update merges keys, a key set to "" is removed, {@code metadata=""} removes all; at most
 * 50 keys, keys up to 40 characters, values up to 500.
 */
final class Metadata {
    private Metadata() {
    }

    /** Applies {@code metadata} from the request (if any) to the object's {@code metadata}. */
    static void apply(ObjectNode target, Params params) {
        if (!target.has("metadata")) {
            target.putObject("metadata");
        }
        if (!params.has("metadata")) {
            return;
        }
        ObjectNode metadata = (ObjectNode) target.get("metadata");
        JsonNode given = params.node("metadata");
        if (given.isTextual() && given.asText().isEmpty()) {
            metadata.removeAll();
            return;
        }
        if (!given.isObject()) {
            throw StripeError.invalid("metadata", "Invalid hash");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!field.getValue().isTextual()) {
                throw StripeError.invalid("metadata[" + key + "]", "Invalid string: metadata values are strings");
            }
            String value = field.getValue().asText();
            if (key.length() > 40) {
                throw StripeError.invalid("metadata", "Metadata keys can have up to 40 characters");
            }
            if (value.length() > 500) {
                throw StripeError.invalid("metadata[" + key + "]", "Metadata values can have up to 500 characters");
            }
            if (value.isEmpty()) {
                metadata.remove(key);
            } else {
                metadata.put(key, value);
            }
        }
        if (metadata.size() > 50) {
            throw StripeError.invalid("metadata", "Metadata can have up to 50 keys");
        }
    }
}
