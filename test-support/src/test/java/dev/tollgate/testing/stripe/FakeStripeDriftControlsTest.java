package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.WebhookEndpointCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controls that make Tollgate and Stripe disagree: lost webhooks and an unreachable API, through stripe-java. */
class FakeStripeDriftControlsTest {
    private FakeStripe fake;
    private StripeClient stripe;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws StripeException {
        fake = FakeStripe.builder().webhookRetries(2, Duration.ofMillis(20)).start();
        stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).setMaxNetworkRetries(0).build();
        receiver = new WebhookReceiver();
        stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(receiver.url())
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).build());
    }

    @AfterEach
    void stop() {
        fake.close();
        receiver.close();
    }

    @Test
    void lostWebhooksAreRecordedAsEventsButNeverDelivered() throws Exception {
        fake.loseWebhooks(true);
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Lost").build());
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(5)));
        assertEquals(0, receiver.received().size());
        assertEquals("customer.created", stripe.v1().events().list(EventListParams.builder().build()).getData().get(0).getType(),
                "Stripe knows what happened");

        fake.loseWebhooks(false);
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Heard").build());
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(5)));
        assertEquals(1, receiver.received().size(), "only the event after the loss is delivered");
    }

    @Test
    void anOutageClosesEveryApiRequestUnansweredWhileTheControlsStillWork() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        JsonNode down = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/_fake/outage"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("down=true")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(down.get("outage").asBoolean());
        assertThrows(ApiConnectionException.class, () -> stripe.v1().customers().create(CustomerCreateParams.builder().setName("X").build()));

        fake.outage(false);
        assertTrue(stripe.v1().customers().create(CustomerCreateParams.builder().setName("Back").build()).getId().startsWith("cus_"));
    }
}
