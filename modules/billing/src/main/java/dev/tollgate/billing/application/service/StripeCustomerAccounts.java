package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerDetails;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Tollgate customer's customer on a Stripe app, made once whichever path needs it first — checkout, a Centrali setup
 * session or an invoice's sync. One request, always the same: the customer's name and primary email as Tollgate holds
 * them and Tollgate's ids as metadata, under one idempotency key derived from the app and the customer. Stripe refuses
 * a key reused with other parameters, so paths that each built their own request (PaidInvoiceEndToEndTest: an
 * invoice synced the customer without an email, then the setup session asked again with one) failed each other.
 */
@Singleton
class StripeCustomerAccounts {
    private final StripeConnections connections;
    private final StripeCustomerStore customers;
    private final TenancyApi tenancy;
    private final Clock clock;

    StripeCustomerAccounts(StripeConnections connections, StripeCustomerStore customers, TenancyApi tenancy, Clock clock) {
        this.connections = connections;
        this.customers = customers;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** What Stripe objects made for a customer carry, and what the webhook worker reads back (ADR 0039). */
    static Map<String, String> tollgateIds(UUID namespace, App app, String customerId) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(StripeEventProcessor.NAMESPACE, Ulid.of(namespace));
        ids.put(StripeEventProcessor.APP_ID, Ulid.of(app.id()));
        ids.put(StripeEventProcessor.CUSTOMER_ID, customerId);
        return ids;
    }

    /** The customer's Stripe customer under {@code app}, made (and remembered) if they have none yet. */
    StripeCustomer of(App app, StripeGateway.Credential apiKey, UUID namespace, UUID customerId) {
        return customers.find(app.id(), customerId).orElseGet(() -> {
            String id = Ulid.of(customerId);
            CustomerDetails details = tenancy.requireCustomer(namespace, id);
            String stripeId = connections.gateway().createCustomer(apiKey, details.name(), details.primaryEmail(), tollgateIds(namespace, app, id),
                    "tollgate-customer-" + Ulid.of(app.id()) + "-" + id).id();
            Instant now = clock.instant();
            StripeCustomer created = new StripeCustomer(app.id(), customerId, namespace, stripeId, null, now, now);
            customers.save(created);
            return created;
        });
    }
}
