package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.EditSubscriptionUseCase;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionEdit;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class SubscriptionEditService implements EditSubscriptionUseCase {
    /** Where the catalog reports a rate card checked inside the one-phase plan {@link #checkRateCard} wraps it in. */
    private static final String CARD_PATH = "phases/0/rateCards/0";
    private final SubscriptionStarts starts;
    private final SubscriptionEvents events;
    private final CatalogApi catalog;
    private final TenancyApi tenancy;

    private final AuditTrail audit;

    SubscriptionEditService(SubscriptionStarts starts, SubscriptionEvents events, CatalogApi catalog, TenancyApi tenancy, AuditTrail audit) {
        this.audit = audit;
        this.starts = starts;
        this.events = events;
        this.catalog = catalog;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Subscription edit(Caller caller, String subscriptionId, Map<String, Object> document) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id();
        Subscription s = starts.requireLocked(namespace, subscriptionId);
        SubscriptionEdit.Edited edited = SubscriptionEdit.apply(s, document.get("customizations"), document.get("timing"), starts.now(),
                card -> checkRateCard(s, card));
        starts.store().save(edited.subscription());
        events.edited(edited.subscription(), edited.at());
        audit.record(caller, namespace, new AuditTrail.Change("subscription", dev.tollgate.platform.domain.Ulid.of(s.id()), "subscription.edited",
                AuditSnapshots.label(s) + " edited as of " + edited.at(), AuditSnapshots.of(s, starts.now()),
                AuditSnapshots.of(edited.subscription(), starts.now())));
        return edited.subscription();
    }

    /**
     * An added rate card checked by the catalog's own rules (features, prices, cadence aligned with the subscription's)
     * by wrapping it in a one-phase custom plan of the subscription's currency and cadence.
     */
    private Map<String, Object> checkRateCard(Subscription s, Map<String, Object> card) {
        Map<String, Object> plan = Map.of("name", "edit", "currency", s.currency(), "billingCadence", s.billingCadence().text(), "phases",
                List.of(Map.of("key", "edit", "name", "edit", "rateCards", List.of(card))));
        try {
            return catalog.customPlan(s.namespace(), plan).phases().get(0).rateCards().get(0);
        } catch (ValidationException e) {
            throw new ValidationException(e.code(), e.errors().stream().map(f -> new FieldError(relative(f.field()), f.message(), f.code()))
                    .toList());
        }
    }

    private static String relative(String field) {
        if (field == null || !field.startsWith(CARD_PATH)) {
            return field;
        }
        return field.length() == CARD_PATH.length() ? "" : field.substring(CARD_PATH.length() + 1);
    }
}
