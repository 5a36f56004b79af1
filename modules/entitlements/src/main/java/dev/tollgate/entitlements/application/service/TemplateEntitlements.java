package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.JsonSyntax;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Entitlements made from a plan's or add-on's entitlement template (tiers, packages, subscriptions): read as an
 * OpenMeter v2 create input, so a template obeys the same rules as a request, then annotated with who made it.
 */
@Singleton
class TemplateEntitlements {
    private final EntitlementStore entitlements;
    private final GrantStore grants;
    private final CatalogApi catalog;
    private final JsonSyntax json;

    TemplateEntitlements(EntitlementStore entitlements, GrantStore grants, CatalogApi catalog, JsonSyntax json) {
        this.entitlements = entitlements;
        this.grants = grants;
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * Creates the customer's entitlement from {@code template}, its usage periods counting from {@code usageAnchor},
     * in force until {@code activeTo} (null: open-ended). A template naming a missing or archived feature is a 409:
     * the operator changed the catalog under a published plan.
     */
    Entitlement create(UUID namespace, CustomerResolver.Customer customer, TemplateTerms template, Map<String, Object> annotations,
                       Instant activeTo, Instant usageAnchor, Instant now) {
        var feature = catalog.findFeature(namespace, template.featureKey()).filter(f -> !f.archived())
                .orElseThrow(() -> new ConflictException("feature_missing", "the plan names feature '" + template.featureKey()
                        + "', which does not exist or is archived; restore it"));
        Entitlement.Created created = Entitlement.define(document(template, usageAnchor), namespace, customer.holder(),
                new Entitlement.FeatureRef(feature.id(), feature.key(), feature.meterSlug() != null), true, json::isObject, now);
        Entitlement entitlement = created.entitlement().withAnnotations(annotations);
        if (activeTo != null) {
            entitlement = entitlement.activeUntil(activeTo, now);
        }
        entitlements.save(entitlement);
        created.grants().forEach(grants::save);
        return entitlement;
    }

    /** An entitlement create input (v2) from a template. */
    private static Map<String, Object> document(TemplateTerms t, Instant usageAnchor) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", t.type());
        doc.put("featureKey", t.featureKey());
        if (t.usagePeriod() != null) {
            doc.put("usagePeriod", Map.of("interval", t.usagePeriod(), "anchor", usageAnchor.toString()));
        }
        if ("metered".equals(t.type())) {
            doc.put("isSoftLimit", t.isSoftLimit());
            doc.put("preserveOverageAtReset", t.preserveOverageAtReset());
            doc.put("measureUsageFrom", "CURRENT_PERIOD_START");
            if (t.issueAfterReset() != null && t.issueAfterReset().signum() > 0) {
                doc.put("issue", Map.of("amount", t.issueAfterReset(), "priority", t.issueAfterResetPriority()));
            }
        }
        if ("static".equals(t.type())) {
            doc.put("config", t.config());
        }
        return doc;
    }
}
