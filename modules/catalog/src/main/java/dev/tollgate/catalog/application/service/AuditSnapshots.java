package dev.tollgate.catalog.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.catalog.domain.Versioned;
import dev.tollgate.catalog.domain.VersionedItem;
import dev.tollgate.platform.domain.Ulid;
import java.util.Map;

/** What the audit log keeps of each catalog resource before and after a change: names, keys, versions and dates. */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(Feature f) {
        return fields("key", f.key(), "name", f.name(), "meter_slug", f.meterSlug(), "metadata", f.metadata(), "archived_at", f.archivedAt());
    }

    static Map<String, Object> of(VersionedItem<?> item) {
        Versioned h = item.header();
        return fields("key", h.key(), "version", h.version(), "name", h.name(), "description", h.description(), "currency", h.currency(),
                "metadata", h.metadata(), "effective_from", h.effectiveFrom(), "effective_to", h.effectiveTo(), "deleted_at", h.deletedAt());
    }

    static Map<String, Object> of(PlanAddon offer, Addon addon) {
        return fields("plan_id", Ulid.of(offer.planId()), "addon_id", Ulid.of(offer.addonId()), "addon_key", addon.header().key(),
                "from_plan_phase", offer.fromPlanPhase(), "max_quantity", offer.maxQuantity(), "metadata", offer.metadata());
    }

    /** The public id of a plan or add-on version. */
    static String id(VersionedItem<?> item) {
        return Ulid.of(item.header().id());
    }

    /** "Plan 'Pro' (pro v2)". */
    static String label(String noun, VersionedItem<?> item) {
        Versioned h = item.header();
        return noun + " '" + h.name() + "' (" + h.key() + " v" + h.version() + ")";
    }
}
