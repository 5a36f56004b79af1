package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/**
 * Centrali's payment methods of a workspace (ADR 0042): cards on the workspace's Stripe customer in the operator's own
 * Stripe account. Reading needs READ_BILLING, changing MANAGE_BILLING; an unknown workspace is 404, a stranger's 403;
 * a payment method that is not this workspace's is 404. On a Tollgate without a Stripe account: 409
 * {@code billing_not_configured}.
 */
public interface ManageWorkspacePaymentMethodsUseCase {
    record Card(String id, String brand, String last4, Long expMonth, Long expYear, boolean isDefault) {
    }

    /** What Stripe.js needs to save a card: the setup intent and its client secret. */
    record SetupSession(String setupIntentId, String clientSecret) {
    }

    /** Creates the workspace's Stripe customer if it has none yet. */
    SetupSession createSetupSession(Caller caller, String workspaceSlug);

    /** Oldest first; empty when the workspace has no card (or no Stripe customer yet). */
    List<Card> list(Caller caller, String workspaceSlug);

    /** Null when the workspace has no default card. */
    Card defaultCard(Caller caller, String workspaceSlug);

    /** Detaches the card; if it was the default, the workspace has no default any more. */
    void delete(Caller caller, String workspaceSlug, String paymentMethodId);

    void makeDefault(Caller caller, String workspaceSlug, String paymentMethodId);

    /** The operator's Stripe publishable key (a member who reads billing may load Stripe.js with it). */
    String publicKey(Caller caller, String workspaceSlug);
}
