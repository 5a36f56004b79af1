package dev.tollgate.entitlements.api;

import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Entitlements a subscription grants (OpenMeter's subscription sync): billing says which of a subscription's items
 * run now with which templates, and the customer's entitlements follow. Billing calls it whenever a subscription
 * changes and when one of its phases or items starts or ends (ADR 0034).
 */
public interface SubscriptionEntitlementsApi {
    /**
     * Makes the entitlements {@code grant.subscriptionId()} gave the customer exactly {@code grant.items()}: those of
     * an earlier phase or item are deleted, those already matching are kept (their usage history with them), the new
     * ones created. An empty list withdraws them all (the subscription ended or was deleted).
     */
    void materialise(SubscriptionGrant grant);

    /**
     * @param usageAnchor where the entitlements' usage periods count from (the subscription's billing anchor)
     * @param tier        in the system namespace, the Tollgate tier the subscription puts the organization on; null elsewhere
     * @param customLimits in the system namespace, the enterprise limits that replace the templates' figures; null for none
     */
    record SubscriptionGrant(UUID namespace, String customerId, String subscriptionId, UUID planId, Integer planVersion, String phaseKey,
                             Instant usageAnchor, List<GrantedItem> items, String tier, EntitlementsApi.CustomLimits customLimits) {
        public SubscriptionGrant {
            items = List.copyOf(items);
        }
    }

    /** One running subscription item with an entitlement template, by its key (the rate card's). */
    record GrantedItem(String itemKey, TemplateTerms template) {
    }
}
