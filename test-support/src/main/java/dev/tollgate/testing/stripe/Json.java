package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the fake, and the fields every Stripe object starts with. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code {"id", "object", "created", "livemode": false}}: the head of every stored object. */
    static ObjectNode resource(String id, String object, long created) {
        ObjectNode node = object();
        node.put("id", id);
        node.put("object", object);
        node.put("created", created);
        node.put("livemode", false);
        return node;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw StripeError.invalid(null, "Invalid JSON body: " + e.getOriginalMessage());
        }
    }
}
