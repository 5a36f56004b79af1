package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One version of a plan: its billing cadence and its phases. The JSON-shaped request is read here so every rule of
 * OpenMeter's catalog (phase durations, rate card cadences aligned with the plan's, unique keys) is checked in one
 * place and reported with the path of the offending field.
 */
public record Plan(Versioned header, IsoDuration billingCadence, boolean proRating, List<PlanPhase> phases) implements VersionedItem<Plan> {
    public static final String KIND = "plan";
    /** The cadences OpenMeter allows for a plan: weekly to yearly. */
    private static final Set<String> CADENCES = Set.of("P1W", "P2W", "P4W", "P1M", "P3M", "P6M", "P12M", "P1Y");

    public static Plan define(UUID namespace, int version, Map<String, Object> doc, Predicate<String> isJsonObject, Instant now) {
        DocumentReader r = new DocumentReader();
        Plan plan = terms(r, Versioned.read(r, doc, namespace, version, now), doc, isJsonObject);
        r.throwIfFailed();
        return plan;
    }

    /** Replaces everything but the key, currency and version (a draft's PUT). */
    @Override
    public Plan replaced(Map<String, Object> doc, Predicate<String> isJsonObject, Instant now) {
        header.requireEditable(KIND, now);
        DocumentReader r = new DocumentReader();
        Plan plan = terms(r, header.replaced(r, doc, now), doc, isJsonObject);
        r.throwIfFailed();
        return plan;
    }

    /** Rebuilds a stored plan; it was checked when written. */
    public static Plan restore(Versioned header, Map<String, Object> terms) {
        DocumentReader r = new DocumentReader();
        Plan plan = terms(r, header, terms, text -> true);
        if (r.failed()) {
            throw new IllegalStateException("stored plan " + header.id() + " no longer reads: " + r.errors());
        }
        return plan;
    }

    public Plan nextDraft(int nextVersion, Instant now) {
        return new Plan(header.nextDraft(nextVersion, now), billingCadence, proRating, phases);
    }

    @Override
    public Plan published(Instant now) {
        return new Plan(header.published(KIND, now), billingCadence, proRating, phases);
    }

    @Override
    public Plan archived(Instant now) {
        return new Plan(header.archived(KIND, now), billingCadence, proRating, phases);
    }

    @Override
    public Plan superseded(Instant at) {
        return new Plan(header.superseded(at), billingCadence, proRating, phases);
    }

    @Override
    public Plan deleted(Instant now) {
        return new Plan(header.deletedAt(KIND, now), billingCadence, proRating, phases);
    }

    public List<RateCard> rateCards() {
        return phases.stream().flatMap(p -> p.rateCards().stream()).toList();
    }

    /** Cadence, pro-rating and phases in OpenMeter's shape: what is stored and what the API shows besides the header. */
    public Map<String, Object> termsDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("billingCadence", billingCadence.text());
        out.put("proRatingConfig", Map.of("enabled", proRating, "mode", "prorate_prices"));
        out.put("phases", phases.stream().map(PlanPhase::toDocument).toList());
        return out;
    }

    private static Plan terms(DocumentReader r, Versioned header, Map<String, Object> doc, Predicate<String> isJsonObject) {
        IsoDuration cadence = r.duration(doc, "", "billingCadence", true);
        if (cadence != null && !CADENCES.contains(cadence.text())) {
            r.fail("billingCadence", "plan_billing_cadence_invalid", "must be one of " + new java.util.TreeSet<>(CADENCES));
        }
        boolean proRating = true;
        Map<String, Object> proRatingConfig = r.object(doc, "", "proRatingConfig", false);
        if (proRatingConfig != null) {
            proRating = r.bool(proRatingConfig, "proRatingConfig", "enabled", true);
            r.oneOf(proRatingConfig, "proRatingConfig", "mode", Set.of("prorate_prices"), "prorate_prices");
        }
        List<PlanPhase> phases = new ArrayList<>();
        List<Map<String, Object>> items = r.objects(doc, "", "phases");
        if (items.isEmpty() && doc.get("phases") != null) {
            r.fail("phases", "plan_with_no_phases", "a plan needs at least one phase");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "phases/" + i;
            PlanPhase phase = PlanPhase.read(r, items.get(i), path, isJsonObject);
            boolean last = i == items.size() - 1;
            if (phase.key() != null && !keys.add(phase.key())) {
                r.fail(path + "/key", "plan_phase_duplicated_key", "phase key '" + phase.key() + "' is used twice");
            }
            if (last && phase.duration() != null) {
                r.fail(path + "/duration", "plan_has_last_phase_with_duration", "the last phase must be open-ended (duration null)");
            } else if (!last && phase.duration() == null) {
                r.fail(path + "/duration", "plan_has_non_last_phase_with_no_duration", "every phase but the last needs a duration");
            }
            for (int c = 0; c < phase.rateCards().size(); c++) {
                IsoDuration cardCadence = phase.rateCards().get(c).billingCadence();
                if (cadence != null && cardCadence != null && !cardCadence.alignsWith(cadence)) {
                    r.fail(path + "/rateCards/" + c + "/billingCadence", "rate_card_billing_cadence_unaligned",
                            "cadence " + cardCadence.text() + " does not divide into or by the plan's " + cadence.text());
                }
            }
            phases.add(phase);
        }
        return new Plan(header, cadence, proRating, phases);
    }
}
