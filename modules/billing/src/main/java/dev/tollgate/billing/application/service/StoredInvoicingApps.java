package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The invoicing app of an invoice's workflow as it is configured now (uninstalled apps included: an invoice started
 * under an app finishes under it). An id that names no app of the namespace is the sandbox's behaviour: do nothing
 * outside Tollgate.
 */
@Singleton
class StoredInvoicingApps implements InvoicingApps {
    private final AppStore apps;

    StoredInvoicingApps(AppStore apps) {
        this.apps = apps;
    }

    @Override
    public InvoicingApp of(UUID namespace, String appId) {
        return Ulid.parse(appId).flatMap(id -> apps.find(namespace, id)).map(StoredInvoicingApps::behaviour).orElse(InvoicingApp.SANDBOX);
    }

    /** Stripe always syncs: its invoice is made at draft sync and finalized at issuing sync ({@code StripeInvoiceSync}). */
    private static InvoicingApp behaviour(App app) {
        boolean stripe = app.type() == AppType.STRIPE;
        return new InvoicingApp(app.type().wire(), stripe || app.enableDraftSyncHook(), stripe || app.enableIssuingSyncHook());
    }
}
