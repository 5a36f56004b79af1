package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One version of an add-on: rate cards a subscription may add to its plan, once ({@code single}) or in any quantity
 * ({@code multiple}). Versions and lifecycle work as for plans, without scheduling.
 */
public record Addon(Versioned header, String instanceType, List<RateCard> rateCards) implements VersionedItem<Addon> {
    public static final String KIND = "addon";
    public static final String SINGLE = "single";
    public static final String MULTIPLE = "multiple";

    public static Addon define(UUID namespace, int version, Map<String, Object> doc, Predicate<String> isJsonObject, Instant now) {
        DocumentReader r = new DocumentReader();
        Addon addon = terms(r, Versioned.read(r, doc, namespace, version, now), doc, isJsonObject);
        r.throwIfFailed();
        return addon;
    }

    @Override
    public Addon replaced(Map<String, Object> doc, Predicate<String> isJsonObject, Instant now) {
        header.requireEditable(KIND, now);
        DocumentReader r = new DocumentReader();
        Addon addon = terms(r, header.replaced(r, doc, now), doc, isJsonObject);
        r.throwIfFailed();
        return addon;
    }

    public static Addon restore(Versioned header, Map<String, Object> terms) {
        DocumentReader r = new DocumentReader();
        Addon addon = terms(r, header, terms, text -> true);
        if (r.failed()) {
            throw new IllegalStateException("stored add-on " + header.id() + " no longer reads: " + r.errors());
        }
        return addon;
    }

    @Override
    public Addon published(Instant now) {
        return new Addon(header.published(KIND, now), instanceType, rateCards);
    }

    @Override
    public Addon archived(Instant now) {
        return new Addon(header.archived(KIND, now), instanceType, rateCards);
    }

    @Override
    public Addon superseded(Instant at) {
        return new Addon(header.superseded(at), instanceType, rateCards);
    }

    @Override
    public Addon deleted(Instant now) {
        return new Addon(header.deletedAt(KIND, now), instanceType, rateCards);
    }

    public Map<String, Object> termsDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instanceType", instanceType);
        out.put("rateCards", rateCards.stream().map(RateCard::toDocument).toList());
        return out;
    }

    private static Addon terms(DocumentReader r, Versioned header, Map<String, Object> doc, Predicate<String> isJsonObject) {
        String instanceType = r.oneOf(doc, "", "instanceType", Set.of(SINGLE, MULTIPLE), null);
        List<RateCard> cards = PlanPhase.readRateCards(r, doc, "", isJsonObject);
        if (cards.isEmpty() && doc.get("rateCards") != null) {
            r.fail("rateCards", "addon_has_no_rate_cards", "an add-on needs at least one rate card");
        }
        if (MULTIPLE.equals(instanceType)) {
            for (int i = 0; i < cards.size(); i++) {
                Map<String, Object> price = cards.get(i).price();
                if (price != null && !"flat".equals(price.get("type"))) {
                    r.fail("rateCards/" + i + "/price", "addon_invalid_ratecard_price_for_multi_instance",
                            "only free or flat price rate cards are allowed for an add-on with multiple instances");
                }
            }
        }
        return new Addon(header, instanceType, cards);
    }
}
