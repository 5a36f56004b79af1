package dev.tollgate.entitlements.adapters.in.http.aws;

import dev.tollgate.entitlements.application.port.in.AwsMarketplaceUseCase;
import dev.tollgate.entitlements.application.port.in.AwsMarketplaceUseCase.Subscription;
import dev.tollgate.entitlements.application.port.in.ReceiveSnsNotificationUseCase;
import dev.tollgate.tenancy.api.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * AWS Marketplace's SaaS fulfilment routes under PgBeam's paths: the buyer's landing POST (resolve), the signed-in
 * claim, a subscription's state, and the SNS webhook. The landing and the webhook take no Tollgate credentials: the
 * registration token and the SNS signature are their proof.
 */
@Controller("/v1/aws-marketplace")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "AWS Marketplace")
final class AwsMarketplaceController {
    static final String TOKEN_FIELD = "x-amzn-marketplace-token";
    private final AwsMarketplaceUseCase aws;
    private final ReceiveSnsNotificationUseCase notifications;

    AwsMarketplaceController(AwsMarketplaceUseCase aws, ReceiveSnsNotificationUseCase notifications) {
        this.aws = aws;
        this.notifications = notifications;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SubscriptionView(String customer_identifier, @Nullable String product_code, @Nullable String aws_account_id,
                            @Nullable String org_id, String plan, String subscription_status, @Nullable String claim_token) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.customerIdentifier(), s.productCode(), s.awsAccountId(), s.organizationId(), s.plan(), s.status(),
                    s.claimToken());
        }
    }

    @Serdeable
    record ClaimRequest(@Nullable String claim_token, @Nullable String org_id) {
    }

    /**
     * AWS posts the buyer's browser here with the registration token as a form field; the token may also come as the
     * {@code X-Amz-Marketplace-Token} header (PgBeam's AWSMarketplaceAuth scheme).
     */
    @Post("/resolve")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    SubscriptionView resolve(@Nullable @Header("X-Amz-Marketplace-Token") String header, @Nullable @Body String form) {
        String token = header != null && !header.isBlank() ? header : formField(form, TOKEN_FIELD);
        return SubscriptionView.of(aws.resolve(token));
    }

    private static String formField(String form, String name) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Post("/claim")
    SubscriptionView claim(Caller caller, @Body ClaimRequest body) {
        return SubscriptionView.of(aws.claim(caller, body.claim_token(), body.org_id()));
    }

    @Get("/customers/{customerIdentifier}")
    SubscriptionView customer(Caller caller, String customerIdentifier) {
        return SubscriptionView.of(aws.customer(caller, customerIdentifier));
    }

    /** SNS posts its messages as text/plain JSON; the raw text is needed as sent, for its signature. */
    @Post("/webhook")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Status(HttpStatus.OK)
    void webhook(@Nullable @Body String body) {
        notifications.receive(body);
    }
}
