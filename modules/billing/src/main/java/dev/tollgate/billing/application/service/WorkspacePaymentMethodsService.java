package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageWorkspacePaymentMethodsUseCase;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.application.service.WorkspaceBilling.Workspace;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Centrali's payment methods (ADR 0042): the workspace is its organization's customer in the system namespace, its
 * cards are on that customer's Stripe customer in the platform's Stripe account. Access is checked first (unknown 404,
 * stranger 403), then whether this Tollgate takes payments at all (409). A card is only ever touched after Stripe
 * confirms it is attached to this workspace's Stripe customer: another workspace's card is 404, like one that does not
 * exist. Reads never install the platform app nor create a Stripe customer; the setup session does both.
 */
@Singleton
class WorkspacePaymentMethodsService implements ManageWorkspacePaymentMethodsUseCase {
    private final WorkspaceBilling workspaces;
    private final PlatformStripeApp platform;
    private final CustomerStripeApps stripeApps;
    private final StripeConnections connections;
    private final StripeCustomerStore customers;
    private final StripeCustomerAccounts stripeCustomers;
    private final Clock clock;

    private final AuditTrail audit;

    WorkspacePaymentMethodsService(WorkspaceBilling workspaces, PlatformStripeApp platform, CustomerStripeApps stripeApps,
                                   StripeConnections connections, StripeCustomerStore customers, StripeCustomerAccounts stripeCustomers,
                                   Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.workspaces = workspaces;
        this.platform = platform;
        this.stripeApps = stripeApps;
        this.connections = connections;
        this.customers = customers;
        this.stripeCustomers = stripeCustomers;
        this.clock = clock;
    }

    /** A workspace's Stripe side: the app its cards live under and its Stripe customer (null while it has none). */
    private record Billed(App app, StripeGateway.Credential apiKey, UUID customerId, StripeCustomer customer) {
    }

    @Override
    @Transactional
    public SetupSession createSetupSession(Caller caller, String workspaceSlug) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.MANAGE_BILLING);
        App platformApp = platform.require(); // installed on first need, a rotated key taken up
        App app = stripeApps.of(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId()).orElse(platformApp);
        Billed billed = billed(app, workspace);
        Map<String, String> ids = tollgateIds(app, workspace.customerId());
        StripeGateway stripe = connections.gateway();
        try {
            StripeCustomer customer = billed.customer() != null ? billed.customer()
                    : stripeCustomers.of(billed.app(), billed.apiKey(), TenancyApi.SYSTEM_NAMESPACE, billed.customerId());
            // Each request is its own setup intent; the key only makes stripe-java's own retries safe.
            StripeGateway.SetupSecret intent = stripe.createSetupIntent(billed.apiKey(), customer.stripeCustomerId(), ids,
                    "tollgate-setup-" + Ulid.of(TypeId.newUuid()));
            return new SetupSession(intent.id(), intent.clientSecret());
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, null);
        }
    }

    @Override
    @Transactional
    public List<Card> list(Caller caller, String workspaceSlug) {
        Billed billed = reading(caller, workspaceSlug);
        if (billed == null || billed.customer() == null) {
            return List.of();
        }
        List<StripeGateway.Card> cards = fromStripe(() -> connections.gateway().cards(billed.apiKey(), billed.customer().stripeCustomerId()));
        return cards.stream().map(c -> card(c, billed.customer())).toList();
    }

    @Override
    @Transactional
    public Card defaultCard(Caller caller, String workspaceSlug) {
        Billed billed = reading(caller, workspaceSlug);
        String id = billed == null || billed.customer() == null ? null : billed.customer().defaultPaymentMethodId();
        return id == null ? null : attached(billed, id).map(c -> card(c, billed.customer())).orElse(null);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String workspaceSlug, String paymentMethodId) {
        Billed billed = writing(caller, workspaceSlug);
        StripeGateway.Card card = attachedOr404(billed, paymentMethodId);
        onStripe(() -> connections.gateway().detachPaymentMethod(billed.apiKey(), card.id()));
        audit.record(caller, workspaces.require(caller, workspaceSlug, Capability.MANAGE_BILLING).organization().id(),
                AuditTrail.Change.deleted("payment_method", card.id(), "Card " + card.brand() + " ending in " + card.last4() + " removed",
                        cardFields(card, card.id().equals(billed.customer().defaultPaymentMethodId()))));
        // Stripe clears the customer's default when it is detached; so does Tollgate: no card is charged any more.
        if (card.id().equals(billed.customer().defaultPaymentMethodId())) {
            customers.save(billed.customer().with(billed.customer().stripeCustomerId(), null, clock.instant()));
        }
    }

    @Override
    @Transactional
    public void makeDefault(Caller caller, String workspaceSlug, String paymentMethodId) {
        Billed billed = writing(caller, workspaceSlug);
        StripeGateway.Card card = attachedOr404(billed, paymentMethodId);
        onStripe(() -> connections.gateway().setDefaultPaymentMethod(billed.apiKey(), billed.customer().stripeCustomerId(), card.id()));
        String previous = billed.customer().defaultPaymentMethodId();
        customers.save(billed.customer().with(billed.customer().stripeCustomerId(), card.id(), clock.instant()));
        if (!card.id().equals(previous)) {
            audit.record(caller, workspaces.require(caller, workspaceSlug, Capability.MANAGE_BILLING).organization().id(),
                    new AuditTrail.Change("payment_method", card.id(), "payment_method.made_default", "Card " + card.brand() + " ending in "
                            + card.last4() + " made the default payment method", AuditTrail.fields("default_payment_method_id", previous),
                            AuditTrail.fields("default_payment_method_id", card.id())));
        }
    }

    private static java.util.Map<String, Object> cardFields(StripeGateway.Card card, boolean wasDefault) {
        return AuditTrail.fields("brand", card.brand(), "last4", card.last4(), "exp_month", card.expMonth(), "exp_year", card.expYear(),
                "default", wasDefault);
    }

    @Override
    @Transactional(readOnly = true)
    public String publicKey(Caller caller, String workspaceSlug) {
        workspaces.require(caller, workspaceSlug, Capability.READ_BILLING);
        notConfiguredUnless(platform.configured());
        return platform.publishableKey();
    }

    private Billed reading(Caller caller, String workspaceSlug) {
        return billed(caller, workspaceSlug, Capability.READ_BILLING);
    }

    /** Null when the workspace's cards have no app yet (nothing was ever set up). */
    private Billed billed(Caller caller, String workspaceSlug, Capability capability) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, capability);
        notConfiguredUnless(platform.configured());
        return stripeApps.of(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId()).map(app -> billed(app, workspace)).orElse(null);
    }

    /** The workspace's Stripe customer, for a change to one of its cards: without one, no card can be the workspace's. */
    private Billed writing(Caller caller, String workspaceSlug) {
        Billed billed = billed(caller, workspaceSlug, Capability.MANAGE_BILLING);
        if (billed == null || billed.customer() == null) {
            throw new NotFoundException("the workspace has no payment method yet; add one with POST /" + workspaceSlug + "/create-setup-session");
        }
        return billed;
    }

    /** Stripe's refusal (or outage) as the caller's 400 in Centrali's shape. */
    private static <T> T fromStripe(Supplier<T> call) {
        try {
            return call.get();
        } catch (Refused refused) {
            throw StripeConnections.refusal(refused, null);
        }
    }

    private static void onStripe(Runnable call) {
        fromStripe(() -> {
            call.run();
            return null;
        });
    }

    private static void notConfiguredUnless(boolean configured) {
        if (!configured) {
            throw new ConflictException(PlatformStripeApp.NOT_CONFIGURED, "this Tollgate takes no payments: its operator has not configured"
                    + " a Stripe account (TOLLGATE_STRIPE_SECRET_KEY)");
        }
    }

    private Billed billed(App app, Workspace workspace) {
        UUID customerId = Ulid.parse(workspace.customerId()).orElseThrow();
        return new Billed(app, connections.credential(app.id()), customerId, customers.find(app.id(), customerId).orElse(null));
    }

    /** What the worker reads back from a setup intent to find the customer (ADR 0039's metadata). */
    private static Map<String, String> tollgateIds(App app, String customerId) {
        return StripeCustomerAccounts.tollgateIds(TenancyApi.SYSTEM_NAMESPACE, app, customerId);
    }

    private StripeGateway.Card attachedOr404(Billed billed, String paymentMethodId) {
        return attached(billed, paymentMethodId).orElseThrow(() -> NotFoundException.of("Payment method", paymentMethodId));
    }

    /** The card, if Stripe has it attached to this workspace's Stripe customer; anything else names nothing of the workspace. */
    private Optional<StripeGateway.Card> attached(Billed billed, String paymentMethodId) {
        if (paymentMethodId == null || !paymentMethodId.matches("[A-Za-z0-9_]{1,255}")) {
            return Optional.empty();
        }
        try {
            StripeGateway.Card card = connections.gateway().card(billed.apiKey(), paymentMethodId);
            return billed.customer().stripeCustomerId().equals(card.customer()) ? Optional.of(card) : Optional.empty();
        } catch (Refused refused) {
            if (refused.failure() == StripeGateway.Failure.NOT_FOUND) {
                return Optional.empty();
            }
            throw StripeConnections.refusal(refused, null);
        }
    }

    private static Card card(StripeGateway.Card c, StripeCustomer customer) {
        return new Card(c.id(), c.brand(), c.last4(), c.expMonth(), c.expYear(), c.id().equals(customer.defaultPaymentMethodId()));
    }
}
