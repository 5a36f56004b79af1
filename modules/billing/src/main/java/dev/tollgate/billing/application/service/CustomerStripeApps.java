package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Which Stripe app a customer's Stripe data belongs to (ADR 0039): the one their billing profile invoices with when
 * that is Stripe, else the namespace's oldest installed Stripe app. One rule for checkout, the Centrali payment routes
 * and {@code hasDefaultPaymentMethod}, so they all read the same card.
 */
@Singleton
class CustomerStripeApps {
    private final AppStore apps;
    private final ResolveInvoicingTermsUseCase terms;

    CustomerStripeApps(AppStore apps, ResolveInvoicingTermsUseCase terms) {
        this.apps = apps;
        this.terms = terms;
    }

    /** Reads only: a namespace without any Stripe app is not set up for billing here (readers may be read-only). */
    Optional<App> of(UUID namespace, String customerId) {
        Optional<App> oldest = apps.firstInstalled(namespace, AppType.STRIPE);
        if (oldest.isEmpty()) {
            return oldest;
        }
        String invoicing = terms.termsFor(namespace, customerId).invoicingAppId();
        return Ulid.parse(invoicing).flatMap(id -> apps.find(namespace, id)).filter(a -> a.installed() && a.type() == AppType.STRIPE)
                .or(() -> oldest);
    }
}
