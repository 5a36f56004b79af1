package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** A stretch of a subscription (a trial, then the main phase) with its own rate cards; the last one never ends. */
public record PlanPhase(String key, String name, String description, Map<String, String> metadata, IsoDuration duration,
                        List<RateCard> rateCards) {

    static PlanPhase read(DocumentReader r, Map<String, Object> doc, String path, Predicate<String> isJsonObject) {
        IsoDuration duration = r.duration(doc, path, "duration", false);
        if (duration != null && !duration.atLeastAnHour()) {
            r.fail(DocumentReader.at(path, "duration"), "plan_phase_duration_less_then_an_hour", "a phase must last at least one hour");
        }
        return new PlanPhase(r.key(doc, path, "key", true), r.text(doc, path, "name", true, 256),
                r.text(doc, path, "description", false, 1024), r.metadata(doc, path), duration,
                readRateCards(r, doc, path, isJsonObject));
    }

    /** Rate cards with keys unique within their list. */
    static List<RateCard> readRateCards(DocumentReader r, Map<String, Object> doc, String path, Predicate<String> isJsonObject) {
        List<RateCard> cards = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Map<String, Object>> items = r.objects(doc, path, "rateCards");
        for (int i = 0; i < items.size(); i++) {
            String at = DocumentReader.at(DocumentReader.at(path, "rateCards"), String.valueOf(i));
            RateCard card = RateCard.read(r, items.get(i), at, isJsonObject);
            if (card.key() != null && !keys.add(card.key())) {
                r.fail(DocumentReader.at(at, "key"), "rate_card_duplicated_key", "rate card key '" + card.key() + "' is used twice");
            }
            cards.add(card);
        }
        return cards;
    }

    /** OpenMeter's PlanPhase; {@code duration} is present even when null (the open-ended last phase). */
    Map<String, Object> toDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("name", name);
        if (description != null) {
            out.put("description", description);
        }
        if (metadata != null) {
            out.put("metadata", metadata);
        }
        out.put("duration", duration == null ? null : duration.text());
        out.put("rateCards", rateCards.stream().map(RateCard::toDocument).toList());
        return out;
    }
}
