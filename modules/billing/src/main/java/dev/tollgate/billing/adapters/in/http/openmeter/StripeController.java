package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.StripeViews.CheckoutSessionView;
import dev.tollgate.billing.adapters.in.http.openmeter.StripeViews.PortalSessionView;
import dev.tollgate.billing.adapters.in.http.openmeter.StripeViews.StripeCustomerAppDataView;
import dev.tollgate.billing.adapters.in.http.openmeter.StripeViews.WebhookReceiptView;
import dev.tollgate.billing.application.port.in.ManageStripeAppUseCase;
import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * OpenMeter's Stripe app routes: a customer's Stripe data and portal session, Checkout in setup mode, and Stripe's
 * webhook — the one route here without credentials: its proof is the {@code Stripe-Signature} over the raw body.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: App: Stripe")
final class StripeController {
    private final ManageStripeAppUseCase stripe;
    private final ReceiveStripeEventsUseCase webhooks;

    StripeController(ManageStripeAppUseCase stripe, ReceiveStripeEventsUseCase webhooks) {
        this.stripe = stripe;
        this.webhooks = webhooks;
    }

    /** StripeCustomerAppDataBase. */
    @Serdeable
    record CustomerDataBody(@Nullable String stripeCustomerId, @Nullable String stripeDefaultPaymentMethodId) {
    }

    /** CreateStripeCustomerPortalSessionParams. */
    @Serdeable
    record PortalBody(@Nullable String configurationId, @Nullable String locale, @Nullable String returnUrl) {
    }

    /** The customer: {@code {id}}, {@code {key}} or a CustomerCreate (which has a {@code name}). */
    @Serdeable
    record CheckoutCustomer(@Nullable String id, @Nullable String key, @Nullable String name) {
    }

    /** CreateStripeCheckoutSessionRequestOptions: the options Tollgate passes to Stripe. */
    @Serdeable
    record CheckoutOptions(@Nullable String billingAddressCollection, @Nullable String cancelURL, @Nullable String clientReferenceID,
                           @Nullable String currency, @Nullable Long expiresAt, @Nullable String locale, @Nullable Map<String, String> metadata,
                           @Nullable String returnURL, @Nullable String successURL, @Nullable String uiMode, @Nullable List<String> paymentMethodTypes,
                           @Nullable Map<String, Object> customerUpdate, @Nullable Map<String, Object> consentCollection,
                           @Nullable Map<String, Object> customText, @Nullable String redirectOnCompletion,
                           @Nullable Map<String, Object> taxIdCollection) {
    }

    @Serdeable
    record CheckoutBody(@Nullable String appId, @Nullable CheckoutCustomer customer, @Nullable String stripeCustomerId,
                        @Nullable CheckoutOptions options) {
        ManageStripeAppUseCase.CheckoutCommand command() {
            if (customer == null) {
                throw new ValidationException("customer", "is required: {\"id\": …}, {\"key\": …} or a new customer");
            }
            if (options == null) {
                throw new ValidationException("options", "is required ({} for Stripe's defaults)");
            }
            if (options.customerUpdate() != null || options.consentCollection() != null || options.customText() != null
                    || options.redirectOnCompletion() != null || options.taxIdCollection() != null) {
                throw new ValidationException("options", "customerUpdate, consentCollection, customText, redirectOnCompletion and "
                        + "taxIdCollection are not supported yet");
            }
            boolean creates = customer.id() == null && customer.key() == null && customer.name() != null;
            return new ManageStripeAppUseCase.CheckoutCommand(appId, customer.id(), customer.key(), creates, stripeCustomerId, options.metadata(),
                    options.currency(), options.successURL(), options.cancelURL(), options.returnURL(), options.uiMode(), options.locale(),
                    options.expiresAt(), options.clientReferenceID(), options.billingAddressCollection(), options.paymentMethodTypes());
        }
    }

    @Get("/customers/{customerIdOrKey}/stripe")
    @Operation(operationId = "getCustomerStripeAppData", summary = "Get customer stripe app data")
    StripeCustomerAppDataView customerData(Caller caller, String customerIdOrKey) {
        return StripeCustomerAppDataView.of(stripe.customerData(caller, customerIdOrKey));
    }

    @Put("/customers/{customerIdOrKey}/stripe")
    @Operation(operationId = "upsertCustomerStripeAppData", summary = "Upsert customer stripe app data")
    StripeCustomerAppDataView upsertCustomerData(Caller caller, String customerIdOrKey, @Body CustomerDataBody body) {
        return StripeCustomerAppDataView.of(stripe.upsertCustomerData(caller, customerIdOrKey, body.stripeCustomerId(),
                body.stripeDefaultPaymentMethodId()));
    }

    @Post("/customers/{customerIdOrKey}/stripe/portal")
    @Operation(operationId = "createCustomerStripePortalSession", summary = "Create Stripe customer portal session")
    HttpResponse<PortalSessionView> portal(Caller caller, String customerIdOrKey, @Body PortalBody body) {
        return HttpResponse.created(PortalSessionView.of(stripe.portalSession(caller, customerIdOrKey, body.configurationId(), body.locale(),
                body.returnUrl())));
    }

    @Post("/stripe/checkout/sessions")
    @Operation(operationId = "createStripeCheckoutSession", summary = "Create checkout session")
    HttpResponse<CheckoutSessionView> checkout(Caller caller, @Body CheckoutBody body) {
        return HttpResponse.created(CheckoutSessionView.of(stripe.checkout(caller, body.command())));
    }

    /** Public: Stripe calls it. The raw body is what the signature covers, so it is read as bytes, not re-serialized. */
    @Post(value = "/apps/{id}/stripe/webhook", consumes = MediaType.ALL)
    @Operation(operationId = "appStripeWebhook", summary = "Stripe webhook")
    WebhookReceiptView webhook(String id, @Nullable @Header("Stripe-Signature") String signature, @Body byte[] body) {
        return WebhookReceiptView.of(webhooks.receive(id, new String(body, StandardCharsets.UTF_8), signature));
    }
}
