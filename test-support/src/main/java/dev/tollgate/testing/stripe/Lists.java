package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Stripe's list object and its cursor paging ({@code limit} 1–100, default 10; {@code starting_after}, {@code ending_before}). */
final class Lists {
    private Lists() {
    }

    /** @param newestFirst every matching object, in Stripe's list order */
    static ObjectNode page(List<ObjectNode> newestFirst, Params params, String url) {
        Long limit = params.integer("limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw StripeError.invalid("limit", "Invalid limit: must be between 1 and 100");
        }
        int size = limit == null ? 10 : limit.intValue();
        int from = 0;
        int to = newestFirst.size();
        String after = params.string("starting_after");
        String before = params.string("ending_before");
        if (after != null) {
            from = indexOf(newestFirst, after, "starting_after") + 1;
        }
        if (before != null) {
            to = indexOf(newestFirst, before, "ending_before");
            from = Math.max(from, to - size);
        }
        int end = Math.min(to, from + size);
        ArrayNode data = Json.array();
        newestFirst.subList(from, end).forEach(o -> data.add(o.deepCopy()));
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", before != null ? from > 0 : end < to);
        list.put("url", url);
        return list;
    }

    /** Every element, no paging: for lists embedded in objects (an invoice's lines). */
    static ObjectNode all(List<ObjectNode> items, String url) {
        ArrayNode data = Json.array();
        items.forEach(o -> data.add(o.deepCopy()));
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", false);
        list.put("total_count", items.size());
        list.put("url", url);
        return list;
    }

    private static int indexOf(List<ObjectNode> objects, String id, String param) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        throw StripeError.invalid(param, "Invalid " + param + ": no such object in this list: " + id);
    }
}
