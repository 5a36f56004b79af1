package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Stripe Connect's OAuth (connect.stripe.com, here on the fake's own address): {@code GET /oauth/authorize} is the page a
 * platform sends a Stripe user to — the fake connects a new standard account at once and sends the browser back to
 * {@code redirect_uri} with a one-time {@code code} and the platform's {@code state} — and {@code POST /oauth/token}
 * (the platform's secret key) exchanges the code for the account's id ({@code stripe_user_id}). Token errors are
 * OAuth's body, not Stripe's error object: {@code {"error": "invalid_grant", "error_description": …}}.
 */
final class ConnectOAuth {
    private final StripeState state;
    /** Codes not yet exchanged, each for the account it connected. */
    private final Map<String, String> codes = new HashMap<>();

    ConnectOAuth(StripeState state) {
        this.state = state;
    }

    /** The browser's page: no key, like the test controls. */
    void pages(Router router) {
        router.on("GET", "/oauth/authorize", this::authorize);
    }

    void routes(Router router) {
        router.on("POST", "/oauth/token", this::token);
    }

    private Reply authorize(Call call) {
        Params params = call.params().allow("response_type", "client_id", "scope", "state", "redirect_uri", "stripe_landing",
                "always_prompt", "stripe_user");
        if (params.string("client_id") == null || !params.string("client_id").startsWith("ca_")) {
            return new Reply(400, null, "text/html; charset=utf-8", Pages.message("Fake Stripe Connect",
                    "Invalid client_id: a Connect platform's client id starts with ca_."));
        }
        if (!"code".equals(params.string("response_type"))) {
            return new Reply(400, null, "text/html; charset=utf-8", Pages.message("Fake Stripe Connect",
                    "Invalid response_type: only 'code' is supported."));
        }
        String redirect = params.string("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            return new Reply(400, null, "text/html; charset=utf-8", Pages.message("Fake Stripe Connect",
                    "No redirect_uri: the fake has no platform settings to take a default from."));
        }
        ObjectNode account = Json.resource(Ids.next("acct_"), "account", state.now());
        account.put("business_type", "company");
        account.put("charges_enabled", true);
        account.put("country", "US");
        account.put("default_currency", "usd");
        account.put("details_submitted", true);
        account.put("email", "owner@connected.test");
        account.putObject("metadata");
        account.put("payouts_enabled", true);
        account.put("type", "standard");
        state.connectedAccounts.put(account.get("id").asText(), account);
        String code = Ids.next("ac_");
        codes.put(code, account.get("id").asText());
        String scope = params.string("scope") == null ? "read_only" : params.string("scope");
        String back = redirect + (redirect.contains("?") ? "&" : "?") + "scope=" + encode(scope) + "&code=" + code
                + (params.string("state") == null ? "" : "&state=" + encode(params.string("state")));
        return Reply.redirect(back);
    }

    private Reply token(Call call) {
        Params params = call.params().allow("grant_type", "code", "client_secret", "refresh_token", "assert_capabilities");
        String grant = params.string("grant_type");
        if (!"authorization_code".equals(grant)) {
            return error("unsupported_grant_type", "Unsupported grant type: " + grant);
        }
        String code = params.string("code");
        if (code == null || code.isEmpty()) {
            return error("invalid_request", "No authorization code provided");
        }
        String account = codes.remove(code); // one use: a code exchanged (or refused) is gone
        if (account == null) {
            return error("invalid_grant", "Authorization code does not exist: " + code);
        }
        ObjectNode token = Json.object();
        token.put("access_token", "sk_test_" + Ids.random(24));
        token.put("livemode", false);
        token.put("refresh_token", "rt_" + Ids.random(24));
        token.put("token_type", "bearer");
        token.put("stripe_publishable_key", "pk_test_" + Ids.random(24));
        token.put("stripe_user_id", account);
        token.put("scope", "read_write");
        return Reply.ok(token);
    }

    private static Reply error(String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return new Reply(400, body, "application/json", null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
