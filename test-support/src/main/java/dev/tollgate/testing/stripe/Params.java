package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The parameters of one request (from {@link FormParams}), read the way Stripe reads them: strings converted to
 * integers and booleans with Stripe's {@code parameter_invalid_*} refusals, required ones with
 * {@code parameter_missing}, and anything an operation does not know with {@code parameter_unknown}.
 */
final class Params {
    private final ObjectNode tree;

    Params(ObjectNode tree) {
        this.tree = tree;
    }

    ObjectNode tree() {
        return tree;
    }

    /** Refuses every top-level parameter but these (and {@code expand}, which every operation takes). */
    Params allow(String... names) {
        Set<String> allowed = Set.of(names);
        Iterator<String> keys = tree.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("expand") && !allowed.contains(key)) {
                throw StripeError.unknown(key);
            }
        }
        return this;
    }

    boolean has(String name) {
        return tree.has(name);
    }

    JsonNode node(String name) {
        return tree.get(name);
    }

    /** A string parameter, or null when absent; an empty string is returned as "" (Stripe's "unset"). */
    String string(String name) {
        JsonNode value = tree.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw StripeError.invalid(name, "Invalid string: " + value);
        }
        return value.asText();
    }

    String required(String name) {
        String value = string(name);
        if (value == null) {
            throw StripeError.missing(name);
        }
        if (value.isEmpty()) {
            throw StripeError.invalidEmpty(name);
        }
        return value;
    }

    Long integer(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StripeError.invalidInteger(name, value);
        }
    }

    long requiredInteger(String name) {
        required(name);
        return integer(name);
    }

    Boolean bool(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw StripeError.invalidBoolean(name, value);
        };
    }

    /** One of the given values, or null when absent. */
    String oneOf(String name, String... values) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        for (String allowed : values) {
            if (allowed.equals(value)) {
                return value;
            }
        }
        throw StripeError.invalid(name, "Invalid " + name + ": must be one of " + String.join(", ", values));
    }

    /** A list of strings ({@code name[0]=…} or {@code name[]=…}); empty when absent. */
    List<String> strings(String name) {
        JsonNode value = tree.get(name);
        List<String> out = new ArrayList<>();
        if (value == null || (value.isTextual() && value.asText().isEmpty())) {
            return out;
        }
        if (!value.isArray()) {
            throw StripeError.invalid(name, "Invalid array");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw StripeError.invalid(name, "Invalid array");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A nested hash ({@code name[key]=…}), or null when absent; "" (unset) is returned as an empty object. */
    Params hash(String name) {
        JsonNode value = tree.get(name);
        if (value == null) {
            return null;
        }
        if (value.isTextual() && value.asText().isEmpty()) {
            return new Params(tree.objectNode());
        }
        if (!value.isObject()) {
            throw StripeError.invalid(name, "Invalid hash");
        }
        return new Params((ObjectNode) value);
    }
}
