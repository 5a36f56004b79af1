package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.OfferedAddon;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.catalog.domain.Versioned;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.http.OpenMeterValidationErrors;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans, add-ons and plan add-ons as OpenMeter shows them. Built as ordered maps rather than records because the
 * documents require some fields to be present even when null ({@code validationErrors}, a rate card's {@code price}
 * and {@code billingCadence}, the last phase's {@code duration}).
 */
final class CatalogViews {
    private CatalogViews() {
    }

    static Map<String, Object> plan(Reviewed<Plan> reviewed, Instant now) {
        Plan plan = reviewed.item();
        Map<String, Object> out = header(plan.header(), now);
        out.putAll(plan.termsDocument());
        out.put("validationErrors", validationErrors(reviewed.validationErrors()));
        return out;
    }

    static Map<String, Object> addon(Reviewed<Addon> reviewed, Instant now) {
        Addon addon = reviewed.item();
        Map<String, Object> out = header(addon.header(), now);
        out.putAll(addon.termsDocument());
        out.put("validationErrors", validationErrors(reviewed.validationErrors()));
        return out;
    }

    static Map<String, Object> planAddon(Reviewed<OfferedAddon> reviewed, Instant now) {
        PlanAddon offer = reviewed.item().offer();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("createdAt", offer.createdAt());
        out.put("updatedAt", offer.updatedAt());
        if (offer.deletedAt() != null) {
            out.put("deletedAt", offer.deletedAt());
        }
        if (offer.metadata() != null) {
            out.put("metadata", offer.metadata());
        }
        out.put("addon", addon(new Reviewed<>(reviewed.item().addon(), null), now));
        out.put("fromPlanPhase", offer.fromPlanPhase());
        if (offer.maxQuantity() != null) {
            out.put("maxQuantity", offer.maxQuantity());
        }
        out.put("validationErrors", validationErrors(reviewed.validationErrors()));
        return out;
    }

    private static Map<String, Object> header(Versioned h, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Ulid.of(h.id()));
        out.put("key", h.key());
        out.put("version", h.version());
        out.put("name", h.name());
        if (h.description() != null) {
            out.put("description", h.description());
        }
        if (h.metadata() != null) {
            out.put("metadata", h.metadata());
        }
        out.put("currency", h.currency());
        out.put("status", h.status(now).wire());
        if (h.effectiveFrom() != null) {
            out.put("effectiveFrom", h.effectiveFrom());
        }
        if (h.effectiveTo() != null) {
            out.put("effectiveTo", h.effectiveTo());
        }
        out.put("createdAt", h.createdAt());
        out.put("updatedAt", h.updatedAt());
        if (h.deletedAt() != null) {
            out.put("deletedAt", h.deletedAt());
        }
        return out;
    }

    private static List<Map<String, Object>> validationErrors(List<FieldError> errors) {
        return errors == null ? null : OpenMeterValidationErrors.of(errors);
    }
}
