package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An add-on offered with a plan version: from which phase a subscriber may add it and, for add-ons that come in
 * quantities, how many at most.
 */
public record PlanAddon(UUID id, UUID namespace, UUID planId, UUID addonId, Map<String, String> metadata, String fromPlanPhase,
                        Integer maxQuantity, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static PlanAddon offer(Plan plan, Addon addon, Map<String, Object> doc, Instant now) {
        DocumentReader r = new DocumentReader();
        Terms terms = terms(r, doc);
        r.throwIfFailed();
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        PlanAddon offer = new PlanAddon(TypeId.newUuid(), plan.header().namespace(), plan.header().id(), addon.header().id(), terms.metadata,
                terms.fromPlanPhase, terms.maxQuantity, at, at, null);
        offer.requireFits(plan, addon);
        return offer;
    }

    public PlanAddon replaced(Plan plan, Addon addon, Map<String, Object> doc, Instant now) {
        DocumentReader r = new DocumentReader();
        Terms terms = terms(r, doc);
        r.throwIfFailed();
        PlanAddon replaced = new PlanAddon(id, namespace, planId, addonId, terms.metadata, terms.fromPlanPhase, terms.maxQuantity, createdAt,
                now.truncatedTo(ChronoUnit.MICROS), deletedAt);
        replaced.requireFits(plan, addon);
        return replaced;
    }

    public PlanAddon deleted(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new PlanAddon(id, namespace, planId, addonId, metadata, fromPlanPhase, maxQuantity, createdAt, at, at);
    }

    /** What makes this offer unusable with these versions; empty when it fits. */
    public List<FieldError> problems(Plan plan, Addon addon) {
        List<FieldError> problems = new ArrayList<>();
        if (!plan.header().currency().equals(addon.header().currency())) {
            problems.add(new FieldError("addonId", "the add-on is priced in " + addon.header().currency() + ", the plan in "
                    + plan.header().currency(), "plan_addon_currency_mismatch"));
        }
        if (plan.phases().stream().noneMatch(p -> p.key().equals(fromPlanPhase))) {
            problems.add(new FieldError("fromPlanPhase", "the plan has no phase '" + fromPlanPhase + "'", "plan_addon_unknown_plan_phase_key"));
        }
        if (Addon.MULTIPLE.equals(addon.instanceType()) && maxQuantity == null) {
            problems.add(new FieldError("maxQuantity", "is required for an add-on with multiple instances",
                    "plan_addon_max_quantity_must_be_set"));
        }
        if (Addon.SINGLE.equals(addon.instanceType()) && maxQuantity != null) {
            problems.add(new FieldError("maxQuantity", "must not be set for a single-instance add-on", "plan_addon_max_quantity_must_not_be_set"));
        }
        return problems;
    }

    private void requireFits(Plan plan, Addon addon) {
        List<FieldError> problems = problems(plan, addon);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private record Terms(Map<String, String> metadata, String fromPlanPhase, Integer maxQuantity) {
    }

    private static Terms terms(DocumentReader r, Map<String, Object> doc) {
        String phase = r.key(doc, "", "fromPlanPhase", true);
        BigDecimal max = r.number(doc, "", "maxQuantity");
        if (max != null && (max.stripTrailingZeros().scale() > 0 || max.compareTo(BigDecimal.ONE) < 0
                || max.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
            r.fail("maxQuantity", "invalid_value", "must be a whole number of at least 1");
            max = null;
        }
        return new Terms(r.metadata(doc, ""), phase, max == null ? null : max.intValue());
    }
}
