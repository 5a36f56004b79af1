package dev.tollgate.catalog.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask of the catalog. */
public interface CatalogApi {
    /** The live (not archived) features that track a meter, with the groupBy keys their filters use. */
    List<MeteredFeature> activeFeaturesOfMeter(UUID namespace, String meterSlug);

    record MeteredFeature(String key, Set<String> filteredGroupByKeys) {
    }

    /** A feature by ULID (archived ones too) or by key (the live one). */
    java.util.Optional<FeatureInfo> findFeature(UUID namespace, String featureIdOrKey);

    /** The live (not archived) features with these keys, by key, in one read; keys without one are absent. */
    java.util.Map<String, FeatureInfo> findLiveFeatures(UUID namespace, java.util.Collection<String> keys);

    /**
     * A feature as entitlements use it: its meter (null for a static feature) and the filters narrowing the meter,
     * each as an OpenMeter filter object ({@code {"$eq": "gpt-4"}}; the deprecated plain filters become {@code $eq}).
     */
    record FeatureInfo(UUID id, String key, String name, String meterSlug, java.util.Map<String, Object> filters, boolean archived,
                       java.util.Map<String, String> metadata, java.util.Map<String, Object> unitCost) {
    }

    /** The active version of a plan by key, with the entitlement templates of its open-ended (last) phase. */
    java.util.Optional<PlanTerms> activePlan(UUID namespace, String key);

    record PlanTerms(UUID id, String key, int version, String name, java.util.Map<String, String> metadata, List<TemplateTerms> templates) {
    }

    /**
     * Tollgate's self-serve tiers, cheapest first, as PgBeam's ListPlans shows them: what a marketplace listing offers
     * (enterprise is assigned by staff, never bought there).
     */
    List<TierOffer> selfServeTiers();

    /** A tier's key ({@code starter}, ...), label, description and monthly price in whole US dollars. */
    record TierOffer(String key, String label, String description, int monthlyPrice) {
    }

    /** The active version of an add-on by key, with the entitlement templates of its rate cards. */
    java.util.Optional<AddonTerms> activeAddon(UUID namespace, String key);

    record AddonTerms(UUID id, String key, int version, String name, List<TemplateTerms> templates) {
    }

    /**
     * The entitlement template of a rate card given as its OpenMeter document (one a subscription keeps), empty when it
     * grants none; the same reading as {@link #activePlan}'s, so a template means one thing everywhere.
     */
    java.util.Optional<TemplateTerms> entitlementTemplate(java.util.Map<String, Object> rateCard);

    /**
     * An entitlement template with the rate card it sits on: {@code usagePeriod} is the template's own or, as
     * OpenMeter defaults it, the rate card's billing cadence (ISO-8601; null when neither is set).
     */
    record TemplateTerms(String featureKey, String type, String config, java.math.BigDecimal issueAfterReset, int issueAfterResetPriority,
                         boolean isSoftLimit, boolean preserveOverageAtReset, String usagePeriod) {
    }

    /**
     * Reads an invoice line's rate card (featureKey, price, discounts, taxConfig) from a request, checked as plans'
     * rate cards are, into OpenMeter's shape with defaults filled in; problems are collected in {@code reader} under
     * {@code path}. Billing's manual and simulated lines use it, so one set of price rules holds everywhere.
     */
    java.util.Map<String, Object> readLineRateCard(dev.tollgate.platform.domain.DocumentReader reader, java.util.Map<String, Object> line,
                                                  String path);

    /**
     * A plan version as subscriptions pin it: by key and version, or with {@code version} null the version active now.
     * Deleted versions are not found; drafts are (the caller decides what it accepts from {@link PlanVersion#status()}).
     */
    java.util.Optional<PlanVersion> planVersion(UUID namespace, String key, Integer version);

    /** A plan version by id, deleted ones excluded. */
    java.util.Optional<PlanVersion> planVersion(UUID namespace, UUID id);

    /**
     * A plan given inline (OpenMeter's CustomPlanInput: a plan without key and version) checked by the same rules as a
     * created plan, features included; a validation failure names fields relative to the document.
     */
    PlanVersion customPlan(UUID namespace, java.util.Map<String, Object> document);

    /**
     * A plan version's terms: {@code billingCadence} ISO-8601, {@code status} OpenMeter's PlanStatus now; id, key and
     * version are null for a custom plan.
     */
    record PlanVersion(UUID id, String key, Integer version, String name, String description, java.util.Map<String, String> metadata,
                       String currency, String billingCadence, boolean proRating, String status, List<PhaseTerms> phases) {
    }

    /** A phase: {@code duration} ISO-8601 (null for the last, open-ended one), each rate card as its OpenMeter JSON document. */
    record PhaseTerms(String key, String name, String description, java.util.Map<String, String> metadata, String duration,
                      List<java.util.Map<String, Object>> rateCards) {
    }

    /** The add-on {@code addonId} as offered with plan version {@code planId}; empty when that plan does not offer it. */
    java.util.Optional<AddonOffer> offeredAddon(UUID namespace, UUID planId, UUID addonId);

    /** An add-on version with its offer: from which plan phase it may be added and, for {@code multiple}, how many at most. */
    record AddonOffer(UUID addonId, String key, int version, String name, String instanceType, String currency, String status,
                      List<java.util.Map<String, Object>> rateCards, String fromPlanPhase, Integer maxQuantity) {
    }
}
