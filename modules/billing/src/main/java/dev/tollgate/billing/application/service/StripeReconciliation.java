package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ReconcileBillingUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.billing.domain.invoice.StripeInvoiceDrift;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.UnavailableException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reconciliation with Stripe (ADR 0043). Stripe is read outside any transaction; each repair is its own transaction
 * under the row it changes, and decides again on what it finds locked: an invoice the webhook worker (or another
 * reconciliation) moved meanwhile is left alone, so a repair never happens twice and is counted once.
 */
@Singleton
class StripeReconciliation implements ReconcileBillingUseCase {
    private static final UUID SYSTEM = TenancyApi.SYSTEM_NAMESPACE;
    private final Step step;
    private final StripeConnections connections;

    StripeReconciliation(Step step, StripeConnections connections) {
        this.step = step;
        this.connections = connections;
    }

    @Override
    public Reconciliation reconcile(Caller caller) {
        if (caller.kind() != Caller.Kind.OPERATOR) {
            throw new UnauthenticatedException("Internal routes need the X-Internal-Secret header");
        }
        return reconcile();
    }

    @Override
    public Reconciliation reconcile() {
        List<App> apps = step.platformApps();
        if (apps.isEmpty()) {
            throw new UnavailableException("stripe_not_configured", "No Stripe account is connected to the platform: install the Stripe app"
                    + " in the system namespace (POST /api/v1/marketplace/listings/stripe/install/apikey with the X-Internal-Secret header)");
        }
        Set<UUID> checked = new HashSet<>();
        Set<UUID> updated = new HashSet<>();
        for (App app : apps) {
            StripeGateway.Credential apiKey = step.credential(app.id());
            stripe(() -> connections.gateway().account(apiKey)); // unreachable or refusing: nothing is judged on a half answer
            invoices(app, apiKey, checked, updated);
            customers(app, apiKey, checked, updated);
        }
        return new Reconciliation(checked.size(), updated.size());
    }

    private void invoices(App app, StripeGateway.Credential apiKey, Set<UUID> checked, Set<UUID> updated) {
        for (Invoice invoice : step.awaitingStripe(app.id())) {
            String stripeInvoiceId = (String) invoice.externalIds().get("invoicing");
            UUID organization = Ulid.parse(invoice.customerId()).orElseThrow();
            checked.add(organization);
            Optional<StripeGateway.Invoice> onStripe = stripeOrMissing(() -> connections.gateway().invoice(apiKey, stripeInvoiceId));
            Optional<InvoiceTrigger> trigger = onStripe.flatMap(i -> StripeInvoiceDrift.repair(invoice.state(), i.status()));
            if (trigger.isPresent() && step.repairInvoice(invoice.id(), onStripe.get().status())) {
                updated.add(organization);
            }
        }
    }

    private void customers(App app, StripeGateway.Credential apiKey, Set<UUID> checked, Set<UUID> updated) {
        for (StripeCustomer customer : step.stripeCustomers(app.id())) {
            checked.add(customer.customerId());
            boolean deleted = stripeOrMissing(() -> connections.gateway().customer(apiKey, customer.stripeCustomerId())).isEmpty();
            if (deleted && step.forget(customer)) {
                updated.add(customer.customerId());
            }
        }
    }

    /** Stripe's answer; NOT_FOUND (deleted, or never there) is empty; an outage or a refused key stops the run with a 503. */
    private static <T> Optional<T> stripeOrMissing(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(stripe(call));
        } catch (Refused refused) {
            if (refused.failure() == StripeGateway.Failure.NOT_FOUND) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    private static <T> T stripe(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (Refused refused) {
            switch (refused.failure()) {
                case UNAVAILABLE -> throw new UnavailableException("stripe_unavailable", "Stripe cannot be reached, so nothing was reconciled"
                        + " after this point; try again later (" + refused.getMessage() + ")");
                case AUTHENTICATION -> throw new UnavailableException("stripe_api_key_invalid", "Stripe refused the platform account's API key;"
                        + " update it (PUT /api/v1/apps/{id}/stripe/api-key with the X-Internal-Secret header)");
                default -> throw refused;
            }
        }
    }

    /** The transactions of a round (a separate bean, so they apply). */
    @Singleton
    static class Step {
        private static final int PAGE = 500;
        private final AppStore apps;
        private final InvoiceStore invoices;
        private final StripeCustomerStore customers;
        private final InvoiceDriver driver;
        private final StripeConnections connections;

        Step(AppStore apps, InvoiceStore invoices, StripeCustomerStore customers, InvoiceDriver driver, StripeConnections connections) {
            this.apps = apps;
            this.invoices = invoices;
            this.customers = customers;
            this.driver = driver;
            this.connections = connections;
        }

        /** The app's credential, opened from its sealed row. */
        @Transactional(readOnly = true)
        public StripeGateway.Credential credential(UUID appId) {
            return connections.credential(appId);
        }

        /** The installed Stripe apps of the system namespace: the platform's own Stripe accounts. */
        @Transactional(readOnly = true)
        public List<App> platformApps() {
            List<App> stripe = new ArrayList<>();
            Page<App> page = apps.listInstalled(SYSTEM, new PageRequest(0, 100));
            while (true) {
                page.items().stream().filter(a -> a.type() == AppType.STRIPE).forEach(stripe::add);
                if (!page.hasNext()) {
                    return stripe;
                }
                page = apps.listInstalled(SYSTEM, new PageRequest(page.request().offset() + page.items().size(), 100));
            }
        }

        /** Invoices the app synced to Stripe that wait on Stripe's word; headers only, read before any is repaired. */
        @Transactional(readOnly = true)
        public List<Invoice> awaitingStripe(UUID appId) {
            InvoiceFilter filter = new InvoiceFilter(List.of(), StripeInvoiceDrift.AWAITING_STRIPE.stream().map(InvoiceState::extendedStatus).toList(),
                    null, null, null, null, null, null, List.of(), false, "created_at", false);
            List<Invoice> found = new ArrayList<>();
            Page<Invoice> page = invoices.list(SYSTEM, filter, new PageRequest(0, PAGE), false);
            while (true) {
                page.items().stream().filter(i -> Ulid.parse(i.terms().invoicingAppId()).equals(Optional.of(appId)))
                        .filter(i -> i.externalIds() != null && i.externalIds().get("invoicing") instanceof String).forEach(found::add);
                if (!page.hasNext()) {
                    return found;
                }
                page = invoices.list(SYSTEM, filter, new PageRequest(page.request().offset() + page.items().size(), PAGE), false);
            }
        }

        @Transactional(readOnly = true)
        public List<StripeCustomer> stripeCustomers(UUID appId) {
            return customers.ofApp(appId);
        }

        /**
         * Fires the trigger the lost webhook would have fired, deciding again under the invoice's row lock (the webhook
         * worker takes the same lock): true only if this call moved it.
         */
        @Transactional
        public boolean repairInvoice(UUID invoiceId, String stripeStatus) {
            Invoice invoice = invoices.lock(SYSTEM, invoiceId).filter(i -> i.deletedAt() == null).orElse(null);
            Optional<InvoiceTrigger> trigger = invoice == null ? Optional.empty() : StripeInvoiceDrift.repair(invoice.state(), stripeStatus);
            if (trigger.isEmpty()) {
                return false;
            }
            try {
                return driver.act(invoice, trigger.get()).state() != invoice.state();
            } catch (ValidationException refused) {
                return false; // the machine has no way from here (as for a late webhook event): left for a person
            }
        }

        @Transactional
        public boolean forget(StripeCustomer customer) {
            return customers.forget(customer.appId(), customer.customerId(), customer.stripeCustomerId());
        }
    }
}
