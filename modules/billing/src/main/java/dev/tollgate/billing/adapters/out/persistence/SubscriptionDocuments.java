package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.domain.subscription.SubscriptionItem;
import dev.tollgate.billing.domain.subscription.SubscriptionPhase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Phases and items as the jsonb document they are stored in, and back. Instants are ISO-8601 strings. */
final class SubscriptionDocuments {
    private SubscriptionDocuments() {
    }

    static Map<String, Object> phases(List<SubscriptionPhase> phases) {
        return Map.of("phases", phases.stream().map(SubscriptionDocuments::phase).toList());
    }

    @SuppressWarnings("unchecked")
    static List<SubscriptionPhase> phases(Map<String, Object> terms) {
        return ((List<Map<String, Object>>) terms.get("phases")).stream().map(p -> new SubscriptionPhase(uuid(p.get("id")),
                (String) p.get("key"), (String) p.get("name"), (String) p.get("description"), (Map<String, String>) p.get("metadata"),
                instant(p.get("activeFrom")), ((List<Map<String, Object>>) p.get("items")).stream().map(SubscriptionDocuments::item).toList(),
                instant(p.get("createdAt")), instant(p.get("updatedAt")))).toList();
    }

    private static Map<String, Object> phase(SubscriptionPhase p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id().toString());
        out.put("key", p.key());
        out.put("name", p.name());
        out.put("description", p.description());
        out.put("metadata", p.metadata());
        out.put("activeFrom", text(p.activeFrom()));
        out.put("items", p.items().stream().map(SubscriptionDocuments::item).toList());
        out.put("createdAt", text(p.createdAt()));
        out.put("updatedAt", text(p.updatedAt()));
        return out;
    }

    private static Map<String, Object> item(SubscriptionItem i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id().toString());
        out.put("key", i.key());
        out.put("rateCard", i.rateCard());
        out.put("activeFrom", text(i.activeFrom()));
        out.put("activeTo", text(i.activeTo()));
        out.put("createdAt", text(i.createdAt()));
        out.put("updatedAt", text(i.updatedAt()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static SubscriptionItem item(Map<String, Object> i) {
        return new SubscriptionItem(uuid(i.get("id")), (String) i.get("key"), (Map<String, Object>) i.get("rateCard"), instant(i.get("activeFrom")),
                instant(i.get("activeTo")), instant(i.get("createdAt")), instant(i.get("updatedAt")));
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    static Instant instant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }

    private static UUID uuid(Object text) {
        return UUID.fromString((String) text);
    }
}
