package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.subscription.PlanReference;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.StartRequest;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The plan terms a subscription starts from, asked of the catalog: a published version by key, or a custom plan it checks. */
@Singleton
class SubscriptionPlans {
    private final CatalogApi catalog;

    SubscriptionPlans(CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** A new subscription's plan: the active version of the key, or the version named if it is active. */
    PlanTerms of(UUID namespace, StartRequest request) {
        if (request.customPlan() != null) {
            try {
                return terms(catalog.customPlan(namespace, request.customPlan()));
            } catch (ValidationException e) {
                throw StartRequest.inCustomPlan(e);
            }
        }
        String key = request.planKey();
        Integer version = request.planVersion();
        CatalogApi.PlanVersion plan = catalog.planVersion(namespace, key, version).orElseThrow(() -> invalid("plan",
                version == null ? "plan '" + key + "' has no active version" : "plan '" + key + "' has no version " + version));
        if (!"active".equals(plan.status())) {
            throw invalid("plan/version", "version " + plan.version() + " of plan '" + key + "' is " + plan.status()
                    + "; only the active version can be subscribed to");
        }
        return terms(plan);
    }

    /** A migration target: a later version of the same plan that is published (active or archived now). */
    PlanTerms migrationTarget(UUID namespace, PlanReference current, Integer targetVersion) {
        CatalogApi.PlanVersion plan = catalog.planVersion(namespace, current.key(), targetVersion).orElseThrow(() -> invalid("targetVersion",
                targetVersion == null ? "plan '" + current.key() + "' has no active version" : "plan '" + current.key()
                        + "' has no version " + targetVersion));
        if (plan.version() <= current.version()) {
            throw invalid("targetVersion", "the target version " + plan.version() + " must be greater than the subscription's version "
                    + current.version());
        }
        if (!Set.of("active", "archived").contains(plan.status())) {
            throw invalid("targetVersion", "version " + plan.version() + " of plan '" + current.key() + "' is " + plan.status()
                    + "; only active or archived versions can be migrated to");
        }
        return terms(plan);
    }

    private static PlanTerms terms(CatalogApi.PlanVersion v) {
        PlanReference ref = v.id() == null ? null : new PlanReference(v.id(), v.key(), v.version());
        return new PlanTerms(ref, v.name(), v.description(), v.metadata(), v.currency(), duration(v.billingCadence()), v.proRating(),
                v.phases().stream().map(p -> new PlanTerms.Phase(p.key(), p.name(), p.description(), p.metadata(), duration(p.duration()),
                        p.rateCards())).toList());
    }

    private static IsoDuration duration(String text) {
        return text == null ? null : IsoDuration.parse(text).orElseThrow(() -> new IllegalStateException("catalog gave duration " + text));
    }

    static ValidationException invalid(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message, "invalid_value")));
    }
}
