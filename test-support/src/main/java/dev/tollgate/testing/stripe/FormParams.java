package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Stripe's request encoding ({@code application/x-www-form-urlencoded} bodies and query strings) into a JSON
 * tree: {@code metadata[plan]=pro} becomes {@code {"metadata":{"plan":"pro"}}}, {@code expand[]=a} and
 * {@code expand[0]=a} become arrays, {@code items[0][price]=p} an array of objects. Every leaf stays a string, as
 * Stripe receives it; {@link Params} converts and checks.
 */
final class FormParams {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FormParams() {
    }

    static ObjectNode parse(String encoded) {
        ObjectNode root = JSON.objectNode();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, path(key), value);
        }
        return (ObjectNode) arrays(root);
    }

    /** {@code items[0][price]} → [items, 0, price]; {@code expand[]} → [expand, ""] (an append). */
    static List<String> path(String key) {
        List<String> segments = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            segments.add(key);
            return segments;
        }
        segments.add(key.substring(0, open));
        int at = open;
        while (at < key.length() && key.charAt(at) == '[') {
            int close = key.indexOf(']', at);
            if (close < 0) {
                throw StripeError.invalid(key, "Invalid parameter name: " + key);
            }
            segments.add(key.substring(at + 1, close));
            at = close + 1;
        }
        if (at != key.length()) {
            throw StripeError.invalid(key, "Invalid parameter name: " + key);
        }
        return segments;
    }

    private static void put(ObjectNode root, List<String> path, String value) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = segmentKey(node, path.get(i));
            JsonNode child = node.get(segment);
            if (child == null || !child.isObject()) {
                child = node.putObject(segment);
            }
            node = (ObjectNode) child;
        }
        node.put(segmentKey(node, path.get(path.size() - 1)), value);
    }

    /** An empty segment ({@code []}) appends: it takes the next free index of its container. */
    private static String segmentKey(ObjectNode container, String segment) {
        return segment.isEmpty() ? "\u0000" + String.format("%09d", container.size()) : segment;
    }

    /** Objects whose keys are all indices (or appends) become arrays, in index order. */
    private static JsonNode arrays(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        fields.forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> entry : entries) {
            object.set(entry.getKey(), arrays(entry.getValue()));
        }
        if (object.isEmpty() || !entries.stream().allMatch(e -> isIndex(e.getKey()))) {
            return object;
        }
        TreeMap<Long, JsonNode> ordered = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : entries) {
            String key = entry.getKey();
            ordered.put(Long.parseLong(key.startsWith("\u0000") ? key.substring(1) : key), entry.getValue());
        }
        ArrayNode array = JSON.arrayNode();
        ordered.values().forEach(array::add);
        return array;
    }

    private static boolean isIndex(String key) {
        String digits = key.startsWith("\u0000") ? key.substring(1) : key;
        return !digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(Character::isDigit);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeError.invalid(null, "Invalid request body encoding: " + e.getMessage());
        }
    }
}
