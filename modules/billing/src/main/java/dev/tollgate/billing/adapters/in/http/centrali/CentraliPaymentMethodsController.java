package dev.tollgate.billing.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.billing.application.port.in.ManageWorkspacePaymentMethodsUseCase;
import dev.tollgate.billing.application.port.in.ManageWorkspacePaymentMethodsUseCase.Card;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Centrali's payment methods of a workspace (ADR 0042): a setup intent's client secret for Stripe.js, the cards on
 * the workspace's Stripe customer, the default one, and the operator's publishable key.
 */
@Controller("/workspace/api/v1/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: billing")
final class CentraliPaymentMethodsController {
    private final ManageWorkspacePaymentMethodsUseCase payments;
    private final JsonMapper json;

    CentraliPaymentMethodsController(ManageWorkspacePaymentMethodsUseCase payments, JsonMapper json) {
        this.payments = payments;
        this.json = json;
    }

    /** Only {@code clientSecret}: the document allows no other property (the intent's id is its prefix, as in Stripe). */
    @Serdeable
    record SetupSessionView(String clientSecret) {
    }

    @Serdeable
    record CardView(String id, String type, @Nullable String brand, @Nullable String last4, @Nullable Long expMonth, @Nullable Long expYear,
                    boolean isDefault) {
        static CardView of(Card c) {
            return new CardView(c.id(), "card", c.brand(), c.last4(), c.expMonth(), c.expYear(), c.isDefault());
        }
    }

    /** The document's free-form object: the cards, oldest first, and which one is the default (null: none). */
    @Serdeable
    record CardsView(List<CardView> paymentMethods, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String defaultPaymentMethodId) {
    }

    @Serdeable
    record DefaultView(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable CardView defaultPaymentMethod) {
    }

    @Serdeable
    record PublicKeyView(String publicKey) {
    }

    @Post(value = "/create-setup-session", consumes = MediaType.ALL)
    @Operation(summary = "Create Stripe setup session for adding payment method")
    SetupSessionView createSetupSession(Caller caller, String slug) {
        return new SetupSessionView(payments.createSetupSession(caller, slug).clientSecret());
    }

    @Get("/payment-methods")
    @Operation(summary = "List payment methods")
    CardsView list(Caller caller, String slug) {
        List<CardView> cards = payments.list(caller, slug).stream().map(CardView::of).toList();
        return new CardsView(cards, cards.stream().filter(CardView::isDefault).map(CardView::id).findFirst().orElse(null));
    }

    @Get("/payment-methods/default")
    @Operation(summary = "Get default payment method")
    DefaultView defaultCard(Caller caller, String slug) {
        Card card = payments.defaultCard(caller, slug);
        return new DefaultView(card == null ? null : CardView.of(card));
    }

    @Delete("/payment-methods/{pmId}")
    @Operation(summary = "Delete a payment method")
    HttpResponse<String> delete(Caller caller, String slug, String pmId) {
        payments.delete(caller, slug, pmId);
        return jsonString("payment method " + pmId + " deleted");
    }

    @Post(value = "/payment-methods/{pmId}/default", consumes = MediaType.ALL)
    @Operation(summary = "Set payment method as default")
    HttpResponse<String> makeDefault(Caller caller, String slug, String pmId) {
        payments.makeDefault(caller, slug, pmId);
        return jsonString("payment method " + pmId + " is the default");
    }

    @Get("/public-key")
    @Operation(summary = "Get Stripe public key")
    PublicKeyView publicKey(Caller caller, String slug) {
        return new PublicKeyView(payments.publicKey(caller, slug));
    }

    /** The document's 200 is a bare JSON string: written quoted, as JSON, not as text. */
    private HttpResponse<String> jsonString(String message) {
        try {
            return HttpResponse.ok(json.writeValueAsString(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
