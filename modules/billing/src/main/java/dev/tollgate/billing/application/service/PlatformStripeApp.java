package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ConnectPlatformStripeUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.BillingNamespaces;
import dev.tollgate.billing.application.port.out.PlatformStripeKeys;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.StripeAccount;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The operator's own Stripe account as a Stripe app of the system namespace (ADR 0042), installed through the
 * marketplace's Stripe install the first time it is needed, so workspaces' tier invoices sync to it and its webhook
 * (Centrali's {@code POST /webhooks/stripe}) verifies with the secret Stripe gave that install. Runs inside the
 * caller's transaction. Without a configured secret key every payment route is a 409 {@code billing_not_configured}.
 */
@Singleton
class PlatformStripeApp implements ConnectPlatformStripeUseCase {
    static final String NAME = "Tollgate platform Stripe";
    /** Centrali's route for the platform's Stripe webhook, where the platform app's endpoint points. */
    static final String WEBHOOK_PATH = "/workspace/api/v1/webhooks/stripe";
    static final String NOT_CONFIGURED = "billing_not_configured";
    private final PlatformStripeKeys keys;
    private final AppStore apps;
    private final BillingSetup setup;
    private final BillingNamespaces namespaces;
    private final MarketplaceService marketplace;
    private final StripeConnections connections;
    private final Clock clock;

    PlatformStripeApp(PlatformStripeKeys keys, AppStore apps, BillingSetup setup, BillingNamespaces namespaces, MarketplaceService marketplace,
                      StripeConnections connections, Clock clock) {
        this.keys = keys;
        this.apps = apps;
        this.setup = setup;
        this.namespaces = namespaces;
        this.marketplace = marketplace;
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean connect() {
        if (!configured()) {
            return false;
        }
        require();
        return true;
    }

    boolean configured() {
        return keys.secretKey().isPresent();
    }

    /** The publishable key a dashboard loads Stripe.js with; 409 when the operator configured none. */
    String publishableKey() {
        return keys.publishableKey().orElseThrow(() -> new ConflictException(NOT_CONFIGURED, "this Tollgate takes no payments: "
                + "its operator has not configured a Stripe publishable key (TOLLGATE_STRIPE_PUBLISHABLE_KEY)"));
    }

    /** The app if it is installed already (the webhook never installs: no endpoint, no events). */
    Optional<App> installed() {
        return configured() ? apps.firstInstalled(TenancyApi.SYSTEM_NAMESPACE, AppType.STRIPE) : Optional.empty();
    }

    /**
     * The platform's Stripe app, installed now if it is not yet (the system namespace's billing lock makes two nodes'
     * first requests install one). A configured key that is not the app's stored key replaces it when it is of the same
     * account and mode (a rotated key); another account is refused, never silently switched to.
     */
    App require() {
        String secretKey = keys.secretKey().orElseThrow(() -> new ConflictException(NOT_CONFIGURED, "this Tollgate takes no payments: "
                + "its operator has not configured a Stripe account (TOLLGATE_STRIPE_SECRET_KEY)"));
        Optional<App> found = apps.firstInstalled(TenancyApi.SYSTEM_NAMESPACE, AppType.STRIPE);
        if (found.isEmpty()) {
            setup.ensure(TenancyApi.SYSTEM_NAMESPACE);
            namespaces.lock(TenancyApi.SYSTEM_NAMESPACE);
            found = apps.firstInstalled(TenancyApi.SYSTEM_NAMESPACE, AppType.STRIPE);
        }
        App app = found.orElseGet(() -> marketplace.installStripe(TenancyApi.SYSTEM_NAMESPACE, secretKey, NAME, true, WEBHOOK_PATH).app());
        return secretKey.equals(connections.credential(app.id()).apiKey()) ? app : rotated(app, secretKey);
    }

    private App rotated(App app, String secretKey) {
        String account = connections.account(secretKey, "TOLLGATE_STRIPE_SECRET_KEY").id();
        if (!account.equals(app.stripe().accountId()) || StripeAccount.livemode(secretKey) != app.stripe().livemode()) {
            throw new ConflictException(NOT_CONFIGURED, "the configured Stripe key (TOLLGATE_STRIPE_SECRET_KEY) is of another account or mode"
                    + " than the platform's Stripe app (" + app.stripe().accountId() + "); the operator must uninstall that app first");
        }
        App updated = app.withStripe(StripeAccount.of(account, secretKey), clock.instant());
        apps.save(updated);
        connections.replaceKey(updated, secretKey, clock.instant());
        return updated;
    }
}
