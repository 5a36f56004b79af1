package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The objects of one Stripe type, by id, in creation order. Not synchronized itself: every access happens under
 * {@link StripeState}'s lock.
 */
final class ObjectStore {
    final String object;
    final String noun;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    /** @param object Stripe's {@code object} value; @param noun how Stripe names it in "No such …" messages */
    ObjectStore(String object, String noun) {
        this.object = object;
        this.noun = noun;
    }

    ObjectNode put(ObjectNode value) {
        byId.put(value.get("id").asText(), value);
        return value;
    }

    ObjectNode find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The object, or Stripe's 404 {@code resource_missing} naming the parameter it came from (null for a path). */
    ObjectNode get(String id, String param) {
        ObjectNode value = find(id);
        if (value == null || value.path("deleted").asBoolean(false)) {
            throw StripeError.noSuch(noun, id, param);
        }
        return value;
    }

    void remove(String id) {
        byId.remove(id);
    }

    /** Newest first, as Stripe lists. */
    List<ObjectNode> list(Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode value : byId.values()) {
            if (!value.path("deleted").asBoolean(false) && filter.test(value)) {
                out.add(value);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    int count() {
        return list(v -> true).size();
    }
}
