package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.PlatformStripeKeys;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Credential;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.application.port.out.StripeSecretStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Stripe app's connection: its API key and webhook secret sealed at rest with the master key (the platform's
 * {@link SecretBox}, AES-256-GCM, each bound to its app and purpose so a sealed value copied elsewhere does not open),
 * the webhook Tollgate registers on the account, and Stripe's refusals as the OpenMeter errors a caller sees.
 */
@Singleton
class StripeConnections {
    /** What Tollgate's endpoint listens to (OpenMeter's list, and Checkout's completion). */
    static final List<String> WEBHOOK_EVENTS = List.of("setup_intent.succeeded", "setup_intent.setup_failed", "setup_intent.requires_action",
            "checkout.session.completed", "invoice.finalization_failed", "invoice.marked_uncollectible", "invoice.overdue", "invoice.paid",
            "invoice.payment_action_required", "invoice.payment_failed", "invoice.payment_succeeded", "invoice.sent", "invoice.voided");
    private final StripeGateway stripe;
    private final StripeSecretStore secrets;
    private final AppStore apps;
    private final SecretBox box;
    private final PlatformStripeKeys platformKeys;

    StripeConnections(StripeGateway stripe, StripeSecretStore secrets, AppStore apps, SecretBox box, PlatformStripeKeys platformKeys) {
        this.stripe = stripe;
        this.secrets = secrets;
        this.apps = apps;
        this.box = box;
        this.platformKeys = platformKeys;
    }

    StripeGateway gateway() {
        return stripe;
    }

    /** The webhook route of the app, on Tollgate's public URL (which the gateway knows: the operator's setting). */
    static String webhookPath(UUID appId) {
        return "/api/v1/apps/" + Ulid.of(appId) + "/stripe/webhook";
    }

    /** The account {@code apiKey} belongs to; a refused key is the request's {@code field} error. */
    StripeGateway.Account account(String apiKey, String field) {
        try {
            return stripe.account(Credential.of(apiKey));
        } catch (Refused refused) {
            throw refusal(refused, field);
        }
    }

    /** Registers Tollgate's webhook for the app on its account and stores both secrets sealed. */
    void connect(App app, String apiKey, Instant now) {
        connect(app, Credential.of(apiKey), now, webhookPath(app.id()));
    }

    /**
     * The same with the webhook at {@code path} (the platform's app listens on Centrali's route, ADR 0042). A credential
     * of a connected account (ADR 0047) stores that account, not the platform's key, which stays the operator's setting.
     */
    void connect(App app, Credential credential, Instant now, String path) {
        StripeGateway.Endpoint endpoint;
        try {
            endpoint = stripe.registerWebhook(credential, path, WEBHOOK_EVENTS,
                    Map.of("tollgate_namespace", Ulid.of(app.namespace()), "tollgate_app_id", Ulid.of(app.id())), "tollgate-webhook-" + Ulid.of(app.id()));
        } catch (Refused refused) {
            throw refusal(refused, credential.account() == null ? "apiKey" : "code");
        }
        String sealedKey = credential.account() == null ? box.seal(credential.apiKey(), keyContext(app.id())) : null;
        secrets.save(new StripeSecretStore.Sealed(app.id(), app.namespace(), sealedKey, credential.account(), endpoint.id(),
                box.seal(endpoint.secret(), webhookContext(app.id())), now));
    }

    /** The same endpoint and webhook secret under a new key. */
    void replaceKey(App app, String apiKey, Instant now) {
        StripeSecretStore.Sealed current = sealed(app.id());
        secrets.save(new StripeSecretStore.Sealed(app.id(), app.namespace(), box.seal(apiKey, keyContext(app.id())), null,
                current.webhookEndpointId(), current.webhookSecret(), now));
    }

    /**
     * What the app calls Stripe with: its own key, opened; or, installed through Connect, the platform's secret key (the
     * operator's current one, so a rotated platform key serves every connected app) on behalf of its account.
     */
    Credential credential(UUID appId) {
        StripeSecretStore.Sealed sealed = sealed(appId);
        if (sealed.connectedAccount() != null) {
            String platformKey = platformKeys.secretKey().orElseThrow(() -> new IllegalStateException("Stripe app " + appId
                    + " was installed through Stripe Connect, but no platform secret key (TOLLGATE_STRIPE_SECRET_KEY) is configured"));
            return new Credential(platformKey, sealed.connectedAccount());
        }
        return Credential.of(box.open(sealed.apiKey(), keyContext(appId)));
    }

    /** Whether the app was installed through Stripe Connect (it has no API key of its own to replace). */
    boolean connected(UUID appId) {
        return sealed(appId).connectedAccount() != null;
    }

    String webhookSecret(UUID appId) {
        return box.open(sealed(appId).webhookSecret(), webhookContext(appId));
    }

    /** Best effort on uninstall: the endpoint removed from Stripe so it stops sending; a failure leaves it to the operator. */
    void disconnect(UUID appId) {
        try {
            stripe.deleteWebhook(credential(appId), sealed(appId).webhookEndpointId());
        } catch (Refused | IllegalStateException ignored) {
            // the app goes all the same; its webhook answers 404 from now on
        }
    }

    private StripeSecretStore.Sealed sealed(UUID appId) {
        return secrets.find(appId).orElseThrow(() -> new IllegalStateException("Stripe app " + appId + " has no stored credentials"));
    }

    static String keyContext(UUID appId) {
        return "billing.stripe.api-key:" + appId;
    }

    static String webhookContext(UUID appId) {
        return "billing.stripe.webhook-secret:" + appId;
    }

    /** An installed Stripe app of the namespace, by id; another type is the request's error. */
    App stripeApp(UUID namespace, String appId, String field) {
        App app = Ulid.parse(appId).flatMap(id -> apps.find(namespace, id)).filter(App::installed)
                .orElseThrow(() -> NotFoundException.of("App", appId));
        if (app.type() != AppType.STRIPE) {
            throw new ValidationException("app_type_mismatch", List.of(new FieldError(field, "app '" + appId + "' is a " + app.type().wire()
                    + " app, not a Stripe app", "app_type_mismatch")));
        }
        return app;
    }

    /** Stripe's refusal as the caller's 400, naming {@code field} (Stripe's own parameter when it names one and no field is given). */
    static ValidationException refusal(Refused refused, String field) {
        String code = switch (refused.failure()) {
            case AUTHENTICATION -> "stripe_api_key_invalid";
            case NOT_FOUND -> "stripe_resource_missing";
            case CARD -> "stripe_card_error";
            case UNAVAILABLE -> "stripe_unavailable";
            case INVALID -> "stripe_invalid_request";
        };
        String named = field != null ? field : refused.param() != null ? refused.param() : "stripe";
        String prefix = refused.failure() == StripeGateway.Failure.AUTHENTICATION ? "Stripe refused the API key: " : "Stripe: ";
        return new ValidationException(code, List.of(new FieldError(named, prefix + refused.getMessage(), code)));
    }
}
