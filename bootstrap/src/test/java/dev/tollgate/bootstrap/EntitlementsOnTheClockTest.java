package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entitlements at their time boundaries, on a clock the tests move: a daily usage period rolls over at UTC midnight
 * and an event at the exact period start counts in the new period; a grant expiring mid-period keeps what it covered
 * before and gives nothing after; a provisioned package grants nothing from its expires_at on. Dates are days ahead of the real
 * time, so the Tollgate tiers (published when the database was migrated) are in force.
 */
@MicronautTest(transactional = false)
class EntitlementsOnTheClockTest extends HttpTest {
    static final String SECRET = "entitlements-on-the-clock-secret";
    static final String PASSWORD = "correct horse battery";
    @Inject
    MutableClock clock;
    @Inject
    Environment environment;
    String[] partner;
    String email;
    String token;
    int events;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @BeforeAll
    void partner() {
        String owner = http.post("/v1/auth/signup", """
                {"email":"billing-%s@example.com","password":"%s","organization_slug":"clock-partner"}""".formatted(UUID.randomUUID(), PASSWORD))
                .expect(201).json().get("access_token").asText();
        String orgId = http.get("/v1/organizations/clock-partner", "Authorization", "Bearer " + owner).expect(200).json().get("id").asText();
        String key = http.post("/v1/api-keys", """
                {"org_id":"%s","name":"blesta","scopes":["entitlements.write","entitlements.read"]}""".formatted(orgId),
                "Authorization", "Bearer " + owner).expect(201).json().get("key").asText();
        partner = new String[] {"Authorization", "Bearer " + key};
        environment.addPropertySource(PropertySource.of("clock-partners", Map.of("tollgate.provisioning.partners", orgId)));
    }

    /** The first UTC midnight at least {@code days} days after the real time. */
    private static Instant midnightIn(int days) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(days));
    }

    /** A new namespace with a COUNT meter of calls, the feature api_calls on it and the customer acme (subject acme_prod). */
    private String newNamespace() {
        email = "owner-" + UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD)).expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}", auth())
                .expect(201);
        return "/api/v2/customers/acme/entitlements";
    }

    /** Access tokens live an hour of the clock: a test moving it further logs in again. */
    private void logIn() {
        token = http.post("/v1/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD)).expect(200).json()
                .get("access_token").asText();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private void calls(int n, Instant at) {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add("""
                    {"specversion":"1.0","id":"e%d","source":"test","type":"call","subject":"acme_prod","time":"%s","data":{}}"""
                    .formatted(++events, at));
        }
        http.post("/api/v1/events", "[" + String.join(",", batch) + "]", "Authorization", "Bearer " + token, "Content-Type",
                "application/cloudevents-batch+json").expect(204);
    }

    private JsonNode value(String base) {
        return http.get(base + "/api_calls/value", auth()).expect(200).conformsTo(OPENMETER).json();
    }

    @Test
    void aDailyPeriodRollsOverAtUtcMidnightAndAnEventAtThatInstantCountsInTheNewDay() {
        Instant midnight = midnightIn(3);
        // Usage counts from the entitlement's creation (OpenMeter's default measureUsageFrom): created an hour before.
        clock.set(midnight.minus(Duration.ofHours(1)));
        String base = newNamespace();
        http.post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"DAY","anchor":"2026-01-01T00:00:00Z"},"issue":{"amount":10}}""",
                auth()).expect(201).conformsTo(OPENMETER);
        // The day's last minute is still that day (reading it at the end of the minute would be the next day, fresh).
        calls(4, midnight.minusSeconds(30));
        clock.set(midnight.minusSeconds(1));
        JsonNode lastSecond = value(base);
        assertEquals(4, lastSecond.get("usage").asInt());
        assertEquals(6, lastSecond.get("balance").asInt());

        clock.set(midnight);
        logIn();
        calls(3, midnight);
        // A value is read at the end of the minute under way (so its usage counts): one second in.
        clock.set(midnight.plusSeconds(1));
        JsonNode newDay = value(base);
        assertEquals(3, newDay.get("usage").asInt(), "only the event at 00:00:00 is today's");
        assertEquals(7, newDay.get("balance").asInt(), "the issue is whole again after the reset");
        JsonNode entitlement = http.get(base + "/api_calls", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(midnight, Instant.parse(entitlement.get("currentUsagePeriod").get("from").asText()));
        assertEquals(midnight.plus(Duration.ofDays(1)), Instant.parse(entitlement.get("currentUsagePeriod").get("to").asText()));
    }

    @Test
    void aGrantExpiringMidPeriodKeepsWhatItCoveredAndGivesNothingAfter() {
        Instant start = midnightIn(5);
        clock.set(start);
        String base = newNamespace();
        http.post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"MONTH","anchor":"%s"}}""".formatted(start), auth())
                .expect(201).conformsTo(OPENMETER);
        // Burns first (priority 1), gone after an hour; the other stays.
        http.post(base + "/api_calls/grants", """
                {"amount":10,"priority":1,"effectiveAt":"%s","expiration":{"duration":"HOUR","count":1}}""".formatted(start), auth())
                .expect(201).conformsTo(OPENMETER);
        http.post(base + "/api_calls/grants", """
                {"amount":4,"priority":5,"effectiveAt":"%s"}""".formatted(start), auth()).expect(201).conformsTo(OPENMETER);

        clock.set(start.plus(Duration.ofMinutes(30)));
        calls(3, start.plus(Duration.ofMinutes(20)));
        assertEquals(11, value(base).get("balance").asInt(), "7 left of the expiring grant, the other untouched");
        clock.set(start.plus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(11, value(base).get("balance").asInt(), "its last second");

        clock.set(start.plus(Duration.ofHours(1)));
        logIn();
        JsonNode expired = value(base);
        assertEquals(4, expired.get("balance").asInt(), "the 7 unused expire with their grant");
        assertEquals(3, expired.get("usage").asInt(), "the usage it covered stays covered");
        assertEquals(0, expired.get("overage").asInt());

        clock.set(start.plus(Duration.ofMinutes(90)));
        calls(2, start.plus(Duration.ofMinutes(80)));
        JsonNode after = value(base);
        assertEquals(5, after.get("usage").asInt());
        assertEquals(2, after.get("balance").asInt(), "usage after the expiry burns the remaining grant only");
    }

    @Test
    void aRecurringGrantIsWholeAgainAtItsRecurrenceNotBefore() {
        Instant start = midnightIn(6);
        clock.set(start);
        String base = newNamespace();
        http.post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"MONTH","anchor":"%s"}}""".formatted(start), auth())
                .expect(201).conformsTo(OPENMETER);
        http.post(base + "/api_calls/grants", """
                {"amount":5,"effectiveAt":"%s","recurrence":{"interval":"PT1H","anchor":"%s"}}""".formatted(start, start), auth())
                .expect(201).conformsTo(OPENMETER);
        calls(3, start.plus(Duration.ofMinutes(10)));
        clock.set(start.plus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(2, value(base).get("balance").asInt(), "the hour's last second: 5 - 3");
        clock.set(start.plus(Duration.ofHours(1)));
        logIn();
        assertEquals(5, value(base).get("balance").asInt(), "recurred: whole again");
    }

    @Test
    void aProvisionedPackageGrantsNothingFromItsExpiresAtOn() {
        Instant start = midnightIn(7);
        Instant expires = start.plus(Duration.ofDays(1));
        clock.set(start);
        Account jane = Accounts.signUp(http, "Jane");
        long id = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Jane","product_code":"pro","expires_at":"%s"}""".formatted(jane.email(), expires), partner)
                .expect(201).conformsTo(PHP_TENANT).json().get("entitlement_id").asLong();

        clock.set(expires.minusSeconds(1));
        assertEquals(5, check(jane).get("limit").asInt(), "pro's project limit, to its last second");
        assertEquals("active", status(id));

        clock.set(expires);
        JsonNode expired = check(jane);
        assertFalse(expired.get("allowed").asBoolean(), "while expired, checks say nothing is granted (ADR 0014)");
        assertEquals(0, expired.get("limit").asInt());
        assertEquals("expired", status(id));
    }

    @Test
    void racingProvisioningsOfOneBlestaServiceCreateOnePackage() throws Exception {
        Account sam = Accounts.signUp(http, "Sam");
        String body = """
                {"email":"%s","name":"Sam","product_code":"pro","blesta_service_id":"svc-race-%s"}""".formatted(sam.email(), sam.orgSlug());
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post("/api/provisioning/entitlements", body, partner).expect(201).conformsTo(PHP_TENANT).json();
                }));
            }
            start.countDown();
            Set<Long> ids = new HashSet<>();
            for (Future<JsonNode> answer : answers) {
                ids.add(answer.get().get("entitlement_id").asLong());
            }
            assertEquals(1, ids.size(), "every retry answers the one package: " + ids);
        } finally {
            pool.shutdownNow();
        }
        JsonNode summary = http.get("/api/entitlements/summary", sam.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(1, summary.get("packages").size(), summary.toString());
    }

    private JsonNode check(Account account) {
        return http.get("/api/v1/entitlements/check?feature=max_projects&email=" + account.email(), partner).expect(200).conformsTo(PHP_TENANT)
                .json();
    }

    private String status(long id) {
        return http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json().get("entitlement")
                .get("status").asText();
    }
}
