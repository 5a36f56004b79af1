package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.entitlements.application.port.in.ReportMarketplaceUsageUseCase;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AWS Marketplace's SaaS fulfilment (ADR 0044) over real HTTP, with AWS faked: a registration token resolves to a
 * customer whose subscription a signed-in owner claims for an organization, billed by AWS on the tier bought; SNS
 * notifications signed as SNS signs change it, and nothing else does; usage is metered once per hour.
 */
@MicronautTest(transactional = false)
class AwsMarketplaceContractTest extends HttpTest {
    static final FakeAws AWS = new FakeAws();
    @Inject
    MutableClock clock;
    @Inject
    ReportMarketplaceUsageUseCase usage;
    @Inject
    MeteringApi metering;
    String customer;
    String[] owner;
    String slug;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(AWS.properties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @AfterAll
    void stopAws() {
        AWS.close();
    }

    @BeforeEach
    void anOwner() {
        clock.set(Instant.parse("2030-04-01T09:10:00Z"));
        customer = "cust-" + UUID.randomUUID();
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"aws-%s@example.com","password":"correct horse battery","organization_name":"Buyer %s"}"""
                .formatted(UUID.randomUUID(), customer)).expect(201).json();
        owner = new String[] {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        slug = signedUp.get("organization").get("slug").asText();
    }

    /** The buyer's browser, posted by AWS to the landing URL with the registration token as a form field. */
    private TestHttp.Exchange resolve(String token) {
        return http.send("POST", "/v1/aws-marketplace/resolve", "x-amzn-marketplace-token=" + token, "Content-Type",
                "application/x-www-form-urlencoded");
    }

    private JsonNode claimed(String... dimensions) {
        JsonNode resolved = resolve(AWS.registration(customer, dimensions)).expect(200).json();
        return http.post("/v1/aws-marketplace/claim", """
                {"claim_token":"%s","org_id":"%s"}""".formatted(resolved.get("claim_token").asText(), slug), owner).expect(200).json();
    }

    private JsonNode plan() {
        return http.get("/v1/organizations/" + slug + "/plan", owner).expect(200).conformsTo(PGBEAM).json();
    }

    private TestHttp.Exchange webhook(String body) {
        return http.send("POST", "/v1/aws-marketplace/webhook", body, "Content-Type", "text/plain; charset=UTF-8");
    }

    @Test
    void aResolvedSubscriptionIsClaimedOntoTheTierItBought() {
        JsonNode resolved = resolve(AWS.registration(customer, "scale")).expect(200).json();
        assertEquals(customer, resolved.get("customer_identifier").asText());
        assertEquals("scale", resolved.get("plan").asText());
        assertTrue(resolved.get("org_id").isNull(), "nobody's until claimed");
        assertTrue(resolved.get("claim_token").asText().startsWith("awsclaim_"));
        assertTrue(AWS.authorizations().get(0).startsWith("AWS4-HMAC-SHA256 Credential=" + FakeAws.ACCESS_KEY + "/20300401/us-east-1/aws-marketplace/aws4_request"),
                "calls are SigV4-signed with the configured key");

        String claimBody = "{\"claim_token\":\"" + resolved.get("claim_token").asText() + "\",\"org_id\":\"" + slug + "\"}";
        http.post("/v1/aws-marketplace/claim", claimBody).expect(401).conformsTo(PGBEAM);
        JsonNode claimed = http.post("/v1/aws-marketplace/claim", claimBody, owner).expect(200).json();
        assertTrue(claimed.get("org_id").asText().startsWith("org_"));
        assertTrue(claimed.get("claim_token").isNull());
        JsonNode plan = plan();
        assertEquals("scale", plan.get("plan").asText());
        assertEquals("aws", plan.get("billing_provider").asText());
        assertEquals("active", plan.get("subscription_status").asText());
        http.post("/v1/aws-marketplace/claim", claimBody, owner).expect(404).conformsTo(PGBEAM); // the claim token is spent

        assertEquals("scale", http.get("/v1/aws-marketplace/customers/" + customer, owner).expect(200).json().get("plan").asText());
        String stranger = signUpOwner();
        http.get("/v1/aws-marketplace/customers/" + customer, "Authorization", "Bearer " + stranger).expect(404).conformsTo(PGBEAM);
        http.get("/v1/aws-marketplace/customers/" + customer).expect(401).conformsTo(PGBEAM);

        resolve("not-a-token").expect(400).conformsTo(PGBEAM);
    }

    @Test
    void signedNotificationsChangeTheSubscription() {
        claimed("pro");
        webhook(AWS.notification("unsubscribe-pending", customer, clock.instant())).expect(200);
        assertEquals("pro", plan().get("plan").asText(), "the tier stands until the unsubscription succeeds");

        webhook(AWS.notification("unsubscribe-success", customer, clock.instant())).expect(200);
        JsonNode ended = plan();
        assertEquals("starter", ended.get("plan").asText());
        assertEquals("canceled", ended.get("subscription_status").asText());
        assertEquals("aws", ended.get("billing_provider").asText());

        AWS.entitle(customer, "scale");
        webhook(AWS.notification("subscribe-success", customer, clock.instant())).expect(200);
        assertEquals("scale", plan().get("plan").asText());
        AWS.entitle(customer, "pro");
        webhook(AWS.notification("entitlement-updated", customer, clock.instant())).expect(200);
        assertEquals("pro", plan().get("plan").asText());
        webhook(AWS.notification("subscribe-fail", customer, clock.instant())).expect(200);
        assertEquals("incomplete", plan().get("subscription_status").asText());
        assertEquals("starter", plan().get("plan").asText(), "a failed subscription pays for nothing");

        int before = AWS.fetches().size();
        webhook(AWS.subscriptionConfirmation(clock.instant())).expect(200);
        assertTrue(AWS.fetches().subList(before, AWS.fetches().size()).stream().anyMatch(f -> f.contains("Action=ConfirmSubscription")),
                "the topic subscription was confirmed through its SubscribeURL");
    }

    @Test
    void untrustworthyNotificationsAreRefused() {
        claimed("pro");
        String valid = AWS.notification("unsubscribe-success", customer, clock.instant());
        JsonNode tampered = http.unchecked().send("POST", "/v1/aws-marketplace/webhook",
                valid.replace("unsubscribe-success", "subscribe-success"), "Content-Type", "text/plain").expect(403).json();
        assertEquals("forbidden", tampered.get("error").get("code").asText());

        int fetchesBefore = AWS.fetches().size();
        String elsewhere = AWS.signed(Map.of("Type", "Notification", "MessageId", "m-1", "TopicArn", FakeAws.TOPIC,
                "Message", "{\"action\":\"unsubscribe-success\",\"customer-identifier\":\"" + customer + "\",\"product-code\":\""
                        + FakeAws.PRODUCT + "\"}", "Timestamp", clock.instant().toString(), "SignatureVersion", "2",
                "SigningCertURL", AWS.baseUrl().replace("127.0.0.1", "localhost") + "/evil.pem"));
        webhook(elsewhere).expect(403).conformsTo(PGBEAM);
        assertEquals(fetchesBefore, AWS.fetches().size(), "a certificate on a host that is not allowed is never fetched");

        String otherTopic = AWS.signed(Map.of("Type", "Notification", "MessageId", "m-2", "TopicArn", "arn:aws:sns:us-east-1:1:someone-else",
                "Message", "{}", "Timestamp", clock.instant().toString(), "SignatureVersion", "2",
                "SigningCertURL", AWS.baseUrl() + "/SimpleNotificationService-test.pem"));
        webhook(otherTopic).expect(403).conformsTo(PGBEAM);
        webhook(AWS.notification("unsubscribe-success", customer, clock.instant().minus(Duration.ofHours(2)))).expect(403);
        webhook("{\"Type\":\"Notification\"}").expect(400).conformsTo(PGBEAM);

        assertEquals("pro", plan().get("plan").asText(), "none of them changed anything");
        assertEquals("active", plan().get("subscription_status").asText());
    }

    @Test
    void usageIsMeteredToAwsOncePerHour() {
        JsonNode claimed = claimed("pro");
        metering.ingest(TenancyApi.SYSTEM_NAMESPACE, List.of(new MeteringApi.Event(UUID.randomUUID().toString(), "test", "tollgate.proxy.usage",
                claimed.get("org_id").asText(), Instant.parse("2030-04-01T09:30:00Z"),
                "{\"queries\":7,\"bytes_to_client\":2500000,\"project_id\":\"prj_x\",\"database_id\":\"db_x\",\"region\":\"local\"}")));
        int before = AWS.meteringCalls().size();
        clock.set(Instant.parse("2030-04-01T10:02:00Z"));
        assertEquals(1, usage.reportDue());
        List<JsonNode> calls = AWS.meteringCalls().subList(before, AWS.meteringCalls().size());
        assertEquals(1, calls.size());
        JsonNode records = calls.get(0).get("UsageRecords");
        assertEquals(FakeAws.PRODUCT, calls.get(0).get("ProductCode").asText());
        assertEquals(Instant.parse("2030-04-01T09:00:00Z").getEpochSecond(), records.get(0).get("Timestamp").asLong());
        assertEquals(customer, records.get(0).get("CustomerIdentifier").asText());
        assertEquals("queries", records.get(0).get("Dimension").asText());
        assertEquals(7, records.get(0).get("Quantity").asInt());
        assertEquals("data_transfer", records.get(1).get("Dimension").asText());
        assertEquals(3, records.get(1).get("Quantity").asInt(), "2.5 MB in whole megabytes");

        assertEquals(0, usage.reportDue(), "a rerun reports nothing twice");
        assertEquals(before + 1, AWS.meteringCalls().size());
        assertFalse(AWS.meteringCalls().isEmpty());
    }
}
