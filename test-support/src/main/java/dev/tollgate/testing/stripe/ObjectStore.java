package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The objects of one Stripe type, by id, in creation order, each owned by the Stripe account it was made in (the
 * platform's, or a connected account's named by {@code Stripe-Account}). An API request sees only its account's
 * objects; test controls ({@code scope} null) see every account's. Not synchronized itself: every access happens under
 * {@link StripeState}'s lock.
 */
final class ObjectStore {
    final String object;
    final String noun;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private final Map<String, String> owners = new java.util.HashMap<>();
    private final Supplier<String> scope;
    private final Supplier<String> platform;

    /**
     * @param object Stripe's {@code object} value; @param noun how Stripe names it in "No such …" messages;
     * @param scope the account the current request acts for (null: a test control, every account);
     * @param platform the platform's own account, owner of what a test control makes
     */
    ObjectStore(String object, String noun, Supplier<String> scope, Supplier<String> platform) {
        this.object = object;
        this.noun = noun;
        this.scope = scope;
        this.platform = platform;
    }

    ObjectNode put(ObjectNode value) {
        String id = value.get("id").asText();
        byId.put(id, value);
        owners.putIfAbsent(id, scope.get() != null ? scope.get() : platform.get());
        return value;
    }

    ObjectNode find(String id) {
        return id == null || !visible(id) ? null : byId.get(id);
    }

    /** The account that owns the object, whatever the scope; null for an unknown id. */
    String owner(String id) {
        return owners.get(id);
    }

    private boolean visible(String id) {
        return scope.get() == null || scope.get().equals(owners.get(id));
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
            if (!value.path("deleted").asBoolean(false) && visible(value.get("id").asText()) && filter.test(value)) {
                out.add(value);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    int count() {
        return list(v -> true).size();
    }

    /** Live objects owned by {@code account}, whatever the scope. */
    int count(String account) {
        return (int) byId.values().stream().filter(v -> !v.path("deleted").asBoolean(false)
                && account.equals(owners.get(v.get("id").asText()))).count();
    }

    /** Newest first, of one account, whatever the scope (where an event goes). */
    List<ObjectNode> listOwnedBy(String account, Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode value : byId.values()) {
            if (!value.path("deleted").asBoolean(false) && account.equals(owners.get(value.get("id").asText())) && filter.test(value)) {
                out.add(value);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
