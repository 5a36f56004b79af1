package dev.tollgate.billing.adapters.out.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.domain.app.StripeCheckoutSession;
import dev.tollgate.billing.domain.app.StripePortalSession;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Billing's one way to Stripe: stripe-java 31.1.0 against {@code tollgate.stripe.api-base} (the operator's setting,
 * https://api.stripe.com unless pointed at a fake; never a tenant's) and {@code tollgate.stripe.connect-base} for Connect's
 * OAuth. A client per credential (key, and connected account if any), kept while it is in use. Stripe's exceptions
 * become {@link Refused}: the key, the request, a card, or Stripe unreachable.
 */
@Singleton
final class StripeJavaGateway implements StripeGateway {
    private final String apiBase;
    private final String publicUrl;
    private final JsonMapper json;
    private final String connectBase;
    private final Map<Credential, StripeClient> clients = new ConcurrentHashMap<>();

    StripeJavaGateway(@Value("${tollgate.stripe.api-base:`https://api.stripe.com`}") String apiBase,
                      @Value("${tollgate.stripe.connect-base:`https://connect.stripe.com`}") String connectBase,
                      @Value("${tollgate.public-url:`http://localhost:8080`}") String publicUrl, JsonMapper json) {
        this.json = json;
        this.apiBase = apiBase;
        this.connectBase = connectBase;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A client per credential: the key, and with a connected account every request carries {@code Stripe-Account}. */
    private StripeClient client(Credential credential) {
        if (clients.size() > 1000) {
            clients.clear(); // a bound, not a cache policy: clients are cheap to make again
        }
        return clients.computeIfAbsent(credential, c -> StripeClient.builder().setApiKey(c.apiKey()).setStripeAccount(c.account())
                .setApiBase(apiBase).setConnectBase(connectBase).setMaxNetworkRetries(2).setConnectTimeout(10_000).setReadTimeout(30_000).build());
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws StripeException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (AuthenticationException e) { // PermissionException (a restricted key without the right) included
            throw new Refused(Failure.AUTHENTICATION, null, message(e));
        } catch (InvalidRequestException e) {
            boolean missing = "resource_missing".equals(e.getCode()) || Integer.valueOf(404).equals(e.getStatusCode());
            throw new Refused(missing ? Failure.NOT_FOUND : Failure.INVALID, e.getStripeError() == null ? null : e.getStripeError().getParam(),
                    message(e));
        } catch (CardException e) {
            throw new Refused(Failure.CARD, e.getParam(), message(e));
        } catch (ApiConnectionException e) {
            throw new Refused(Failure.UNAVAILABLE, null, "Stripe could not be reached");
        } catch (StripeException e) {
            throw new Refused(Failure.UNAVAILABLE, null, "Stripe answered with an error: " + message(e));
        }
    }

    private static String message(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage() : e.getClass().getSimpleName();
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    /** Stripe's enum parameter named by its wire value; an unknown value is the request's error, named by {@code param}. */
    private static <E extends Enum<E> & ApiRequestParams.EnumParam> E wire(Class<E> type, String param, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.getValue().equals(value)).findFirst()
                .orElseThrow(() -> new Refused(Failure.INVALID, param, "'" + value + "' is not a value Stripe accepts for " + param));
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    @Override
    public Invoice createInvoice(Credential credential, String customer, String currency, Map<String, String> metadata, String idempotencyKey) {
        com.stripe.param.InvoiceCreateParams params = com.stripe.param.InvoiceCreateParams.builder().setCustomer(customer)
                .setCurrency(currency.toLowerCase(java.util.Locale.ROOT)).putAllMetadata(metadata).setAutoAdvance(false)
                .setCollectionMethod(com.stripe.param.InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY)
                .setPendingInvoiceItemsBehavior(com.stripe.param.InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE).build();
        return invoice(call(() -> client(credential).v1().invoices().create(params, idempotent(idempotencyKey))));
    }

    @Override
    public void addInvoiceItem(Credential credential, String customer, String invoiceId, String currency, long amount, String description,
                               Map<String, String> metadata, String idempotencyKey) {
        com.stripe.param.InvoiceItemCreateParams params = com.stripe.param.InvoiceItemCreateParams.builder().setCustomer(customer)
                .setInvoice(invoiceId).setCurrency(currency.toLowerCase(java.util.Locale.ROOT)).setAmount(amount).setDescription(description)
                .putAllMetadata(metadata).build();
        call(() -> client(credential).v1().invoiceItems().create(params, idempotent(idempotencyKey)));
    }

    @Override
    public Invoice invoice(Credential credential, String invoiceId) {
        return invoice(call(() -> client(credential).v1().invoices().retrieve(invoiceId)));
    }

    @Override
    public Invoice finalizeInvoice(Credential credential, String invoiceId) {
        // Auto-advance on: Stripe collects a charge_automatically invoice only when it advances it itself (OpenMeter
        // finalizes the same way); with it off, the invoice would stay open and unpaid until someone paid it by hand.
        com.stripe.param.InvoiceFinalizeInvoiceParams params = com.stripe.param.InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(true).build();
        return invoice(call(() -> client(credential).v1().invoices().finalizeInvoice(invoiceId, params)));
    }

    private static Invoice invoice(com.stripe.model.Invoice i) {
        return new Invoice(i.getId(), i.getStatus(), i.getNumber());
    }

    @Override
    public Connection connectAccount(String platformKey, String code) {
        RequestOptions options = RequestOptions.builder().setApiKey(platformKey).setBaseUrl(connectBase).build();
        try {
            com.stripe.model.oauth.TokenResponse token = com.stripe.net.OAuth.token(Map.of("grant_type", "authorization_code", "code", code), options);
            return new Connection(token.getStripeUserId(), Boolean.TRUE.equals(token.getLivemode()));
        } catch (com.stripe.exception.oauth.OAuthException e) {
            // invalid_grant (unknown, used or expired code), invalid_client (the platform's key): OAuth's own error body
            String error = e.getOauthError() == null ? e.getCode() : e.getOauthError().getError();
            String description = e.getOauthError() == null ? e.getMessage() : e.getOauthError().getErrorDescription();
            throw new Refused("invalid_client".equals(error) ? Failure.AUTHENTICATION : Failure.INVALID, "code", error + ": " + description);
        } catch (StripeException e) {
            return call(() -> {
                throw e;
            });
        }
    }

    @Override
    public Account account(Credential credential) {
        return new Account(call(() -> client(credential).v1().accounts().retrieveCurrent()).getId());
    }

    @Override
    public Endpoint registerWebhook(Credential credential, String path, List<String> events, Map<String, String> metadata, String idempotencyKey) {
        WebhookEndpointCreateParams.Builder params = WebhookEndpointCreateParams.builder().setUrl(publicUrl + path)
                .setDescription("Tollgate Stripe webhook, do not delete or modify manually").putAllMetadata(metadata);
        events.forEach(e -> params.addEnabledEvent(wire(WebhookEndpointCreateParams.EnabledEvent.class, "enabled_events", e)));
        WebhookEndpoint endpoint = call(() -> client(credential).v1().webhookEndpoints().create(params.build(), idempotent(idempotencyKey)));
        return new Endpoint(endpoint.getId(), endpoint.getSecret());
    }

    @Override
    public void deleteWebhook(Credential credential, String endpointId) {
        call(() -> client(credential).v1().webhookEndpoints().delete(endpointId));
    }

    @Override
    public StripeGateway.Customer createCustomer(Credential credential, String name, String email, Map<String, String> metadata, String idempotencyKey) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().putAllMetadata(metadata);
        if (name != null) {
            params.setName(name);
        }
        if (email != null) {
            params.setEmail(email);
        }
        com.stripe.model.Customer created = call(() -> client(credential).v1().customers().create(params.build(), idempotent(idempotencyKey)));
        return customer(created);
    }

    @Override
    public StripeGateway.Customer customer(Credential credential, String customerId) {
        com.stripe.model.Customer customer = call(() -> client(credential).v1().customers().retrieve(customerId));
        if (Boolean.TRUE.equals(customer.getDeleted())) {
            throw new Refused(Failure.NOT_FOUND, "customer", "No such customer: '" + customerId + "' (deleted)");
        }
        return customer(customer);
    }

    private static StripeGateway.Customer customer(com.stripe.model.Customer c) {
        return new StripeGateway.Customer(c.getId(), c.getInvoiceSettings() == null ? null : c.getInvoiceSettings().getDefaultPaymentMethod());
    }

    @Override
    public PaymentMethod paymentMethod(Credential credential, String paymentMethodId) {
        com.stripe.model.PaymentMethod pm = call(() -> client(credential).v1().paymentMethods().retrieve(paymentMethodId));
        return new PaymentMethod(pm.getId(), pm.getCustomer());
    }

    @Override
    public void setDefaultPaymentMethod(Credential credential, String customerId, String paymentMethodId) {
        call(() -> client(credential).v1().customers().update(customerId, CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(paymentMethodId).build()).build()));
    }

    @Override
    public SetupIntent setupIntent(Credential credential, String setupIntentId) {
        com.stripe.model.SetupIntent intent = call(() -> client(credential).v1().setupIntents().retrieve(setupIntentId));
        return new SetupIntent(intent.getId(), intent.getStatus(), intent.getCustomer(), intent.getPaymentMethod(), intent.getMetadata());
    }

    @Override
    public StripeCheckoutSession createCheckoutSession(Credential credential, CheckoutRequest r, String idempotencyKey) {
        SessionCreateParams.Builder params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP).setCustomer(r.customer())
                .putAllMetadata(r.metadata())
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder().putAllMetadata(r.setupIntentMetadata()).build());
        if (r.currency() != null) {
            params.setCurrency(r.currency().toLowerCase(java.util.Locale.ROOT));
        }
        if (r.successUrl() != null) {
            params.setSuccessUrl(r.successUrl());
        }
        if (r.cancelUrl() != null) {
            params.setCancelUrl(r.cancelUrl());
        }
        if (r.returnUrl() != null) {
            params.setReturnUrl(r.returnUrl());
        }
        if (r.uiMode() != null) {
            params.setUiMode(wire(SessionCreateParams.UiMode.class, "options.uiMode", r.uiMode()));
        }
        if (r.locale() != null) {
            params.setLocale(wire(SessionCreateParams.Locale.class, "options.locale", r.locale()));
        }
        if (r.expiresAt() != null) {
            params.setExpiresAt(r.expiresAt());
        }
        if (r.clientReferenceId() != null) {
            params.setClientReferenceId(r.clientReferenceId());
        }
        if (r.billingAddressCollection() != null) {
            params.setBillingAddressCollection(wire(SessionCreateParams.BillingAddressCollection.class, "options.billingAddressCollection",
                    r.billingAddressCollection()));
        }
        if (r.paymentMethodTypes() != null) {
            r.paymentMethodTypes().forEach(t -> params.addPaymentMethodType(wire(SessionCreateParams.PaymentMethodType.class,
                    "options.paymentMethodTypes", t)));
        }
        com.stripe.model.checkout.Session s = call(() -> client(credential).v1().checkout().sessions().create(params.build(), idempotent(idempotencyKey)));
        return new StripeCheckoutSession(s.getId(), s.getSetupIntent(), s.getClientSecret(), s.getClientReferenceId(), s.getCustomerEmail(),
                s.getCurrency(), instant(s.getCreated()), instant(s.getExpiresAt()), s.getMetadata(), s.getStatus(), s.getUrl(), s.getCancelUrl(),
                s.getSuccessUrl(), s.getReturnUrl());
    }

    @Override
    public StripePortalSession createPortalSession(Credential credential, String customerId, String configurationId, String locale, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams.Builder params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId);
        if (configurationId != null) {
            params.setConfiguration(configurationId);
        }
        if (locale != null) {
            params.setLocale(wire(com.stripe.param.billingportal.SessionCreateParams.Locale.class, "locale", locale));
        }
        if (returnUrl != null) {
            params.setReturnUrl(returnUrl);
        }
        com.stripe.model.billingportal.Session s = call(() -> client(credential).v1().billingPortal().sessions().create(params.build()));
        return new StripePortalSession(s.getId(), s.getCustomer(), s.getConfiguration(), Boolean.TRUE.equals(s.getLivemode()), instant(s.getCreated()),
                s.getReturnUrl(), s.getLocale(), s.getUrl());
    }

    @Override
    public Event verify(String payload, String signatureHeader, String secret, long toleranceSeconds) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new Refused(Failure.INVALID, "Stripe-Signature", "the Stripe-Signature header is missing");
        }
        try {
            // Checks the HMAC of "<t>.<payload>" against every v1 signature and the timestamp against the tolerance.
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret, toleranceSeconds);
        } catch (SignatureVerificationException e) {
            throw new Refused(Failure.INVALID, "Stripe-Signature", "the Stripe-Signature does not verify: " + e.getMessage());
        }
        return parse(payload);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Event parse(String payload) {
        try {
            Map<String, Object> event = json.readValue(payload, Argument.mapOf(String.class, Object.class));
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            Map<String, Object> object = (Map<String, Object>) data.get("object");
            String id = (String) event.get("id");
            String type = (String) event.get("type");
            if (id == null || type == null || object == null) {
                throw new IllegalArgumentException("incomplete event");
            }
            return new Event(id, type, Boolean.TRUE.equals(event.get("livemode")), object);
        } catch (IOException | RuntimeException malformed) {
            throw new Refused(Failure.INVALID, "body", "the event is not a Stripe event object (id, type, data.object)");
        }
    }

    // payment methods (Centrali)

    @Override
    public SetupSecret createSetupIntent(Credential credential, String customer, Map<String, String> metadata, String idempotencyKey) {
        com.stripe.param.SetupIntentCreateParams params = com.stripe.param.SetupIntentCreateParams.builder().setCustomer(customer)
                .addPaymentMethodType("card").setUsage(com.stripe.param.SetupIntentCreateParams.Usage.OFF_SESSION).putAllMetadata(metadata).build();
        com.stripe.model.SetupIntent intent = call(() -> client(credential).v1().setupIntents().create(params, idempotent(idempotencyKey)));
        return new SetupSecret(intent.getId(), intent.getClientSecret());
    }

    @Override
    public List<Card> cards(Credential credential, String customerId) {
        com.stripe.param.CustomerPaymentMethodListParams params = com.stripe.param.CustomerPaymentMethodListParams.builder()
                .setType(com.stripe.param.CustomerPaymentMethodListParams.Type.CARD).setLimit(100L).build();
        // Stripe lists newest first; a dashboard reads them in the order they were added.
        List<Card> cards = new java.util.ArrayList<>(call(() -> client(credential).v1().customers().paymentMethods().list(customerId, params))
                .getData().stream().map(StripeJavaGateway::card).toList());
        java.util.Collections.reverse(cards);
        return cards;
    }

    @Override
    public Card card(Credential credential, String paymentMethodId) {
        return card(call(() -> client(credential).v1().paymentMethods().retrieve(paymentMethodId)));
    }

    private static Card card(com.stripe.model.PaymentMethod pm) {
        com.stripe.model.PaymentMethod.Card c = pm.getCard();
        return new Card(pm.getId(), pm.getCustomer(), c == null ? null : c.getBrand(), c == null ? null : c.getLast4(),
                c == null ? null : c.getExpMonth(), c == null ? null : c.getExpYear());
    }

    @Override
    public void detachPaymentMethod(Credential credential, String paymentMethodId) {
        call(() -> client(credential).v1().paymentMethods().detach(paymentMethodId));
    }
}
