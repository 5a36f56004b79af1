package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageStripeAppUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.StripeAccount;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerDetails;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class StripeAppService implements ManageStripeAppUseCase {
    private final BillingSetup setup;
    private final AppStore apps;
    private final StripeConnections connections;
    private final StripeCustomerStore customers;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final CustomerStripeApps stripeApps;
    private final StripeCustomerAccounts stripeCustomers;

    private final AuditTrail audit;

    StripeAppService(BillingSetup setup, AppStore apps, StripeConnections connections, StripeCustomerStore customers,
                     TenancyApi tenancy, Clock clock, CustomerStripeApps stripeApps, StripeCustomerAccounts stripeCustomers, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.apps = apps;
        this.connections = connections;
        this.customers = customers;
        this.tenancy = tenancy;
        this.clock = clock;
        this.stripeApps = stripeApps;
        this.stripeCustomers = stripeCustomers;
    }

    @Override
    @Transactional
    public App updateApiKey(Caller caller, String appId, String apiKey) {
        UUID namespace = setup.writing(caller);
        App app = connections.stripeApp(namespace, appId, "id");
        if (connections.connected(app.id())) {
            throw new ValidationException("stripe_app_connected", List.of(new FieldError("secretAPIKey", "the app was installed through Stripe "
                    + "Connect and has no API key of its own: Tollgate calls its account on the platform's behalf", "stripe_app_connected")));
        }
        StripeAccount.checkKey("secretAPIKey", apiKey);
        if (StripeAccount.livemode(apiKey) != app.stripe().livemode()) {
            throw new ValidationException("stripe_livemode_mismatch", List.of(new FieldError("secretAPIKey", "the app uses a "
                    + (app.stripe().livemode() ? "live" : "test") + " key; a new key must be of the same mode", "stripe_livemode_mismatch")));
        }
        StripeGateway.Account account = connections.account(apiKey, "secretAPIKey");
        if (!account.id().equals(app.stripe().accountId())) {
            throw new ValidationException("stripe_account_mismatch", List.of(new FieldError("secretAPIKey", "the key belongs to another "
                    + "Stripe account than the app's (" + app.stripe().accountId() + "); install another Stripe app for it", "stripe_account_mismatch")));
        }
        Instant now = clock.instant();
        App updated = app.withStripe(StripeAccount.of(account.id(), apiKey), now);
        apps.save(updated);
        connections.replaceKey(updated, apiKey, now);
        audit.record(caller, namespace, AuditTrail.Change.of("app", Ulid.of(app.id()), "api_key_replaced", "API key of Stripe app '" + app.name()
                + "' replaced"));
        return updated;
    }

    @Override
    @Transactional
    public CustomerData customerData(Caller caller, String customerIdOrKey) {
        UUID namespace = setup.reading(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerIdOrKey);
        App app = appOf(namespace, customer.id(), null);
        return customers.find(app.id(), uuid(customer.id())).map(d -> new CustomerData(d, app))
                .orElseThrow(() -> new NotFoundException("customer '" + customerIdOrKey + "' has no Stripe data for app '" + Ulid.of(app.id()) + "'"));
    }

    @Override
    @Transactional
    public CustomerData upsertCustomerData(Caller caller, String customerIdOrKey, String stripeCustomerId, String defaultPaymentMethodId) {
        UUID namespace = setup.writing(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerIdOrKey);
        checkStripeId("stripeCustomerId", stripeCustomerId, true);
        checkStripeId("stripeDefaultPaymentMethodId", defaultPaymentMethodId, false);
        App app = appOf(namespace, customer.id(), null);
        StripeGateway.Credential apiKey = connections.credential(app.id());
        StripeGateway stripe = connections.gateway();
        try {
            stripe.customer(apiKey, stripeCustomerId);
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, "stripeCustomerId");
        }
        if (defaultPaymentMethodId != null) {
            StripeGateway.PaymentMethod pm;
            try {
                pm = stripe.paymentMethod(apiKey, defaultPaymentMethodId);
            } catch (Refused refused) {
                throw StripeConnections.refusal(refused, "stripeDefaultPaymentMethodId");
            }
            if (!stripeCustomerId.equals(pm.customer())) {
                throw new ValidationException("stripe_payment_method_not_attached", List.of(new FieldError("stripeDefaultPaymentMethodId",
                        "payment method '" + defaultPaymentMethodId + "' is not attached to Stripe customer '" + stripeCustomerId + "'",
                        "stripe_payment_method_not_attached")));
            }
        }
        Instant now = clock.instant();
        UUID customerId = uuid(customer.id());
        Optional<StripeCustomer> existing = customers.find(app.id(), customerId);
        StripeCustomer saved = existing
                .map(e -> e.with(stripeCustomerId, defaultPaymentMethodId, now))
                .orElseGet(() -> new StripeCustomer(app.id(), customerId, namespace, stripeCustomerId, defaultPaymentMethodId, now, now));
        customers.save(saved);
        var after = AuditTrail.fields("app_id", Ulid.of(app.id()), "stripe_customer_id", stripeCustomerId, "stripe_default_payment_method_id",
                defaultPaymentMethodId);
        var before = existing.map(e -> AuditTrail.fields("app_id", Ulid.of(app.id()), "stripe_customer_id", e.stripeCustomerId(),
                "stripe_default_payment_method_id", e.defaultPaymentMethodId())).orElse(null);
        if (!after.equals(before)) {
            audit.record(caller, namespace, new AuditTrail.Change("customer_stripe_data", customer.id(), existing.isPresent()
                    ? "customer_stripe_data.updated" : "customer_stripe_data.created", "Stripe data of customer '" + customer.name() + "' "
                    + (existing.isPresent() ? "updated" : "created"), before, after));
        }
        return new CustomerData(saved, app);
    }

    @Override
    @Transactional
    public dev.tollgate.billing.domain.app.StripePortalSession portalSession(Caller caller, String customerIdOrKey, String configurationId, String locale, String returnUrl) {
        UUID namespace = setup.writing(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerIdOrKey);
        App app = appOf(namespace, customer.id(), null);
        StripeCustomer data = customers.find(app.id(), uuid(customer.id())).orElseThrow(() -> new ValidationException("customerIdOrKey",
                "customer '" + customerIdOrKey + "' has no Stripe customer yet; create a checkout session or set one with PUT .../stripe"));
        try {
            return connections.gateway().createPortalSession(connections.credential(app.id()), data.stripeCustomerId(), configurationId, locale, returnUrl);
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, null);
        }
    }

    @Override
    @Transactional
    public Checkout checkout(Caller caller, CheckoutCommand c) {
        UUID namespace = setup.writing(caller);
        if (c.createsCustomer()) {
            throw new ValidationException("customer", "creating a customer with the checkout session is not supported: create it with "
                    + "POST /api/v1/customers and name it here by id or key");
        }
        if (c.customerId() == null && c.customerKey() == null) {
            throw new ValidationException("customer", "is required: {\"id\": …} or {\"key\": …}");
        }
        CustomerDetails customer = tenancy.requireCustomer(namespace, c.customerId() != null ? c.customerId() : c.customerKey());
        checkStripeId("stripeCustomerId", c.stripeCustomerId(), false);
        App app = appOf(namespace, customer.id(), c.appId());
        StripeGateway.Credential apiKey = connections.credential(app.id());
        StripeGateway stripe = connections.gateway();
        UUID customerId = uuid(customer.id());
        Instant now = clock.instant();
        Optional<StripeCustomer> known = customers.find(app.id(), customerId);
        if (known.isPresent() && c.stripeCustomerId() != null && !known.get().stripeCustomerId().equals(c.stripeCustomerId())) {
            throw new ValidationException("stripe_customer_mismatch", List.of(new FieldError("stripeCustomerId", "customer '" + customer.id()
                    + "' is Stripe customer '" + known.get().stripeCustomerId() + "', not '" + c.stripeCustomerId() + "'", "stripe_customer_mismatch")));
        }
        Map<String, String> tollgateIds = StripeCustomerAccounts.tollgateIds(namespace, app, customer.id());
        String stripeCustomerId;
        try {
            if (known.isPresent()) {
                stripeCustomerId = known.get().stripeCustomerId();
            } else if (c.stripeCustomerId() != null) {
                stripeCustomerId = stripe.customer(apiKey, c.stripeCustomerId()).id();
                customers.save(new StripeCustomer(app.id(), customerId, namespace, stripeCustomerId, null, now, now));
            } else {
                stripeCustomerId = stripeCustomers.of(app, apiKey, namespace, customerId).stripeCustomerId();
            }
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, "stripeCustomerId");
        }
        Map<String, String> metadata = new LinkedHashMap<>(c.metadata() == null ? Map.of() : c.metadata());
        metadata.putAll(tollgateIds);
        StripeGateway.CheckoutRequest request = new StripeGateway.CheckoutRequest(stripeCustomerId, metadata, metadata, c.currency(),
                c.successUrl(), c.cancelUrl(), c.returnUrl(), c.uiMode(), c.locale(), c.expiresAt(), c.clientReferenceId(),
                c.billingAddressCollection(), c.paymentMethodTypes());
        try {
            // Each request is its own session; the idempotency key only makes stripe-java's own retries safe.
            return new Checkout(customer.id(), stripeCustomerId, stripe.createCheckoutSession(apiKey, request,
                    "tollgate-checkout-" + Ulid.of(dev.tollgate.platform.domain.TypeId.newUuid())));
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, refused.param() == null ? "options" : null);
        }
    }

    /**
     * The customer's Stripe app: the one named, else the one their billing profile invoices with when that is Stripe,
     * else the namespace's oldest installed Stripe app.
     */
    private App appOf(UUID namespace, String customerId, String appId) {
        if (appId != null) {
            return connections.stripeApp(namespace, appId, "appId");
        }
        return stripeApps.of(namespace, customerId)
                .orElseThrow(() -> new ValidationException("app_not_installed", List.of(new FieldError("appId", "no Stripe app is installed in "
                        + "this namespace (install it with POST /api/v1/marketplace/listings/stripe/install/apikey)", "app_not_installed"))));
    }

    private static void checkStripeId(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new ValidationException(field, "is required");
            }
            return;
        }
        if (value.isBlank() || value.length() > 255 || !value.matches("[A-Za-z0-9_]+")) {
            throw new ValidationException(field, "is not a Stripe id");
        }
    }

    private static UUID uuid(String customerId) {
        return Ulid.parse(customerId).orElseThrow();
    }
}
