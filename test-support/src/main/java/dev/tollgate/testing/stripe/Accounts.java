package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/account}: the account the secret key belongs to, the cheapest call that proves a key works. The fake
 * has one account of its own, whose id is fixed for its lifetime; with {@code Stripe-Account}, a connected account
 * ({@link ConnectOAuth}) instead.
 */
final class Accounts {
    private final StripeState state;

    Accounts(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("GET", "/v1/account", call -> {
            call.params().allow("expand");
            ObjectNode connected = state.connectedAccounts.get(state.scope());
            return Reply.ok(connected != null ? connected : account());
        });
    }

    private ObjectNode account() {
        ObjectNode account = Json.resource(state.accountId, "account", state.now());
        account.put("business_type", "company");
        account.put("charges_enabled", true);
        account.put("country", "US");
        account.put("default_currency", "usd");
        account.put("details_submitted", true);
        account.put("email", "billing@tollgate.test");
        account.putObject("metadata");
        account.put("payouts_enabled", true);
        account.put("type", "standard");
        return account;
    }
}
