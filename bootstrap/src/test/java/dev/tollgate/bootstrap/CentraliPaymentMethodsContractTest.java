package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import dev.tollgate.testing.stripe.EventSigner;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Centrali's payment methods and the platform's Stripe webhook (ADR 0042) over real HTTP against FakeStripe, every
 * answer validated against centrali-workspace.json: the platform's Stripe app installed once in the system namespace
 * with its webhook on Centrali's route; a setup session's card saved by Stripe becoming the workspace's default through
 * the signed webhook and the worker (so {@code hasDefaultPaymentMethod} and overage follow it); another workspace's card
 * is 404; access by capability; bad, missing and stale signatures store nothing; a replay is acknowledged and does
 * nothing twice.
 */
@MicronautTest(transactional = false)
class CentraliPaymentMethodsContractTest extends HttpTest {
    static final String PUBLISHABLE_KEY = "pk_test_tollgate_fake";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM_NAMESPACE = new UUID(0L, 0L).toString();
    private final FakeStripe fake = FakeStripe.builder().webhookRetries(6, Duration.ofMillis(50)).start();
    private final int port = FreePorts.any();
    private final HttpClient stripeHttp = HttpClient.newHttpClient();
    @Inject
    SecretBox box;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.stripe.secret-key", fake.secretKey());
        properties.put("tollgate.stripe.publishable-key", PUBLISHABLE_KEY);
        properties.put("tollgate.billing.stripe-event-worker-interval", "200ms");
        properties.put("tollgate.billing.platform-stripe-connect-delay", "100ms");
        properties.put("tollgate.tiers.initial", "pro"); // seats for a member
        return properties;
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    private static String base(Accounts.Account account) {
        return "/workspace/api/v1/" + account.orgSlug();
    }

    private JsonNode get(Accounts.Account account, String path) {
        return http.get(base(account) + path, account.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    private JsonNode post(Accounts.Account account, String path) {
        return http.post(base(account) + path, null, account.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    private JsonNode delete(Accounts.Account account, String path) {
        return http.delete(base(account) + path, account.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    /** A setup session completed in the "browser" with a Visa; returns the setup intent's id. */
    private String addCard(Accounts.Account account) {
        JsonNode session = post(account, "/create-setup-session");
        String clientSecret = session.get("clientSecret").asText();
        assertTrue(clientSecret.matches("seti_[A-Za-z0-9]+_secret_[A-Za-z0-9]+"), session.toString());
        String intent = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        fake.completeSetupIntent(intent);
        return intent;
    }

    private boolean hasDefault(Accounts.Account account) {
        return get(account, "/overage").get("hasDefaultPaymentMethod").asBoolean();
    }

    private List<String> cardIds(Accounts.Account account) {
        return JSON.convertValue(get(account, "/payment-methods").get("paymentMethods").findValues("id"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    /** The fake's own API, as the customer's browser and Stripe's dashboard use it. */
    private JsonNode stripe(String method, String path, String form) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("Authorization", "Bearer " + fake.secretKey());
            request = form == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
            HttpResponse<String> response = stripeHttp.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private <T> T sql(String query, java.util.function.Function<java.sql.ResultSet, T> read, Object... args) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement(query)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (var rows = statement.executeQuery()) {
                    return read.apply(rows);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<UUID> platformApps() {
        return sql("SELECT id FROM billing.apps WHERE namespace = ?::uuid AND type = 'stripe' AND deleted_at IS NULL", rows -> {
            List<UUID> ids = new java.util.ArrayList<>();
            try {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return ids;
        }, SYSTEM_NAMESPACE);
    }

    private String platformWebhookSecret() {
        UUID app = platformApps().get(0);
        String sealed = sql("SELECT webhook_secret_sealed FROM billing.stripe_app_secrets WHERE app_id = ?", rows -> {
            try {
                assertTrue(rows.next());
                return rows.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, app);
        return box.open(sealed, "billing.stripe.webhook-secret:" + app);
    }

    private long count(String query, Object... args) {
        return sql(query, rows -> {
            try {
                rows.next();
                return rows.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, args);
    }

    /** As Stripe signs: {@code t=<t>,v1=<HMAC-SHA256(secret, "<t>.<payload>")>}. */
    private static String sign(String secret, String payload, long timestamp) {
        return EventSigner.header(secret, timestamp, payload);
    }

    private TestHttp.Exchange webhook(String payload, String signature) {
        return signature == null ? http.post("/workspace/api/v1/webhooks/stripe", payload)
                : http.post("/workspace/api/v1/webhooks/stripe", payload, "Stripe-Signature", signature);
    }

    @Test
    void thePlatformsStripeAccountIsTheSystemNamespacesStripeAppInstalledOnceWithItsWebhookOnCentralisRoute() {
        WebhookTests.await("the platform's Stripe app installed at start-up", () -> platformApps().size() == 1);
        Accounts.Account owner = Accounts.signUp(http, "Platform");
        long customers = count("SELECT count(*) FROM billing.stripe_customers WHERE namespace = ?::uuid", SYSTEM_NAMESPACE);
        post(owner, "/create-setup-session");
        post(owner, "/create-setup-session");
        assertEquals(1, platformApps().size(), "installed once");
        var registered = fake.requests("POST", "/v1/webhook_endpoints");
        assertEquals(1, registered.size(), "one webhook endpoint on the platform's account");
        assertTrue(URLDecoded(registered.get(0).body()).contains("url=http://127.0.0.1:" + port + "/workspace/api/v1/webhooks/stripe"),
                registered.get(0).body());
        assertEquals(PUBLISHABLE_KEY, get(owner, "/public-key").get("publicKey").asText());
        assertEquals(customers + 1, count("SELECT count(*) FROM billing.stripe_customers WHERE namespace = ?::uuid", SYSTEM_NAMESPACE),
                "two setup sessions, one Stripe customer");
    }

    private static String URLDecoded(String form) {
        return java.net.URLDecoder.decode(form, StandardCharsets.UTF_8);
    }

    private void update(String statement, Object... args) {
        transactions.executeWrite(status -> {
            try (var update = status.getConnection().prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    update.setObject(i + 1, args[i]);
                }
                return update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String storedPlatformKey() {
        UUID app = platformApps().get(0);
        return box.open(sql("SELECT api_key_sealed FROM billing.stripe_app_secrets WHERE app_id = ?", rows -> {
            try {
                assertTrue(rows.next());
                return rows.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, app), "billing.stripe.api-key:" + app);
    }

    @Test
    void aRotatedKeyOfTheSameAccountIsTakenUpAnotherAccountsIsRefused() {
        WebhookTests.await("the platform's Stripe app", () -> platformApps().size() == 1);
        UUID app = platformApps().get(0);
        Accounts.Account owner = Accounts.signUp(http, "Rotation");
        // The app was connected with a key the operator has since replaced by the configured one.
        update("UPDATE billing.stripe_app_secrets SET api_key_sealed = ? WHERE app_id = ?",
                box.seal("sk_test_previous_key_1234", "billing.stripe.api-key:" + app), app);
        post(owner, "/create-setup-session");
        assertEquals(fake.secretKey(), storedPlatformKey(), "the configured key of the same account replaced the stored one");
        assertEquals(1, platformApps().size());

        String account = sql("SELECT stripe_account_id FROM billing.apps WHERE id = ?", rows -> {
            try {
                rows.next();
                return rows.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, app);
        update("UPDATE billing.apps SET stripe_account_id = 'acct_someone_else' WHERE id = ?", app);
        update("UPDATE billing.stripe_app_secrets SET api_key_sealed = ? WHERE app_id = ?",
                box.seal("sk_test_previous_key_1234", "billing.stripe.api-key:" + app), app);
        try {
            JsonNode refused = http.post(base(owner) + "/create-setup-session", null, owner.auth()).expect(409).conformsTo(CENTRALI).json();
            assertEquals("BILLING_NOT_CONFIGURED", refused.get("error").asText(), refused.toString());
            assertEquals("sk_test_previous_key_1234", storedPlatformKey(), "never silently switched to another account");
        } finally {
            update("UPDATE billing.apps SET stripe_account_id = ? WHERE id = ?", account, app);
            update("UPDATE billing.stripe_app_secrets SET api_key_sealed = ? WHERE app_id = ?",
                    box.seal(fake.secretKey(), "billing.stripe.api-key:" + app), app);
        }
    }

    @Test
    void aCardSavedThroughTheSetupSessionBecomesTheDefaultAndOverageFollowsIt() {
        Accounts.Account owner = Accounts.signUp(http, "Cards");
        JsonNode none = get(owner, "/payment-methods");
        assertEquals(0, none.get("paymentMethods").size(), none.toString());
        assertTrue(none.get("defaultPaymentMethodId").isNull(), none.toString());
        assertTrue(get(owner, "/payment-methods/default").get("defaultPaymentMethod").isNull());
        assertFalse(hasDefault(owner));
        http.patch(base(owner) + "/overage", "{\"overageEnabled\":false}", owner.auth()).expect(200).conformsTo(CENTRALI);
        http.patch(base(owner) + "/overage", "{\"overageEnabled\":true}", owner.auth()).expect(400).conformsTo(CENTRALI);

        addCard(owner);
        WebhookTests.await("the saved card to become the default (webhook, worker)", () -> hasDefault(owner));
        JsonNode cards = get(owner, "/payment-methods");
        assertEquals(1, cards.get("paymentMethods").size(), cards.toString());
        JsonNode visa = cards.get("paymentMethods").get(0);
        assertEquals("visa", visa.get("brand").asText());
        assertEquals("4242", visa.get("last4").asText());
        assertEquals(12, visa.get("expMonth").asInt());
        assertEquals(2034, visa.get("expYear").asInt());
        assertTrue(visa.get("isDefault").asBoolean());
        String first = visa.get("id").asText();
        assertEquals(first, cards.get("defaultPaymentMethodId").asText());
        assertEquals(first, get(owner, "/payment-methods/default").get("defaultPaymentMethod").get("id").asText());
        assertTrue(http.patch(base(owner) + "/overage", "{\"overageEnabled\":true}", owner.auth()).expect(200).conformsTo(CENTRALI).json()
                .get("overageEnabled").asBoolean(), "a default card lets overage be turned on again");

        addCard(owner);
        WebhookTests.await("the second card to become the default", () -> !first.equals(get(owner, "/payment-methods").path("defaultPaymentMethodId").asText()));
        List<String> both = cardIds(owner);
        assertEquals(2, both.size());
        assertEquals(first, both.get(0), "oldest first");
        String second = both.get(1);

        String made = http.post(base(owner) + "/payment-methods/" + first + "/default", null, owner.auth()).expect(200).conformsTo(CENTRALI).body();
        assertTrue(made.startsWith("\"") && made.contains(first), "a JSON string: " + made);
        assertEquals(first, get(owner, "/payment-methods").get("defaultPaymentMethodId").asText());
        String stripeCustomer = stripe("GET", "/v1/payment_methods/" + first, null).get("customer").asText();
        assertEquals(first, stripe("GET", "/v1/customers/" + stripeCustomer, null).path("invoice_settings").path("default_payment_method").asText(),
                "the default on Stripe too: invoices are charged to it");

        String deleted = http.delete(base(owner) + "/payment-methods/" + second, owner.auth()).expect(200).conformsTo(CENTRALI).body();
        assertTrue(deleted.startsWith("\"") && deleted.contains(second), deleted);
        assertEquals(List.of(first), cardIds(owner));
        assertTrue(stripe("GET", "/v1/payment_methods/" + second, null).get("customer").isNull(), "detached on Stripe");
        assertTrue(hasDefault(owner), "deleting another card keeps the default");

        delete(owner, "/payment-methods/" + first);
        JsonNode empty = get(owner, "/payment-methods");
        assertEquals(0, empty.get("paymentMethods").size(), empty.toString());
        assertTrue(empty.get("defaultPaymentMethodId").isNull());
        assertTrue(get(owner, "/payment-methods/default").get("defaultPaymentMethod").isNull());
        assertFalse(hasDefault(owner), "deleting the default leaves none");
        assertTrue(get(owner, "/overage").get("overageEnabled").asBoolean(), "overage already on stays on (ADR 0042)");
        http.patch(base(owner) + "/overage", "{\"overageEnabled\":false}", owner.auth()).expect(200).conformsTo(CENTRALI);
        http.patch(base(owner) + "/overage", "{\"overageEnabled\":true}", owner.auth()).expect(400).conformsTo(CENTRALI);
    }

    @Test
    void anotherWorkspacesCardIsNotFoundAndStaysAsItWas() {
        Accounts.Account a = Accounts.signUp(http, "Alpha");
        Accounts.Account b = Accounts.signUp(http, "Beta");
        http.delete(base(a) + "/payment-methods/pm_nothing", a.auth()).expect(404).conformsTo(CENTRALI); // no Stripe customer yet
        addCard(a);
        addCard(b);
        WebhookTests.await("both defaults", () -> hasDefault(a) && hasDefault(b));
        String theirs = cardIds(b).get(0);
        http.delete(base(a) + "/payment-methods/" + theirs, a.auth()).expect(404).conformsTo(CENTRALI);
        http.post(base(a) + "/payment-methods/" + theirs + "/default", null, a.auth()).expect(404).conformsTo(CENTRALI);
        http.delete(base(a) + "/payment-methods/pm_doesnotexist123", a.auth()).expect(404).conformsTo(CENTRALI);
        http.post(base(a) + "/payment-methods/pm_doesnotexist123/default", null, a.auth()).expect(404).conformsTo(CENTRALI);
        http.delete(base(a) + "/payment-methods/pm-not-a-stripe-id", a.auth()).expect(404).conformsTo(CENTRALI);
        assertEquals(List.of(theirs), cardIds(b), "B's card is untouched");
        assertFalse(stripe("GET", "/v1/payment_methods/" + theirs, null).get("customer").isNull(), "still attached to B");
        assertEquals(theirs, get(b, "/payment-methods").get("defaultPaymentMethodId").asText());
        assertFalse(cardIds(a).contains(theirs));
    }

    @Test
    void credentialsWorkspacesAndCapabilities() {
        Accounts.Account owner = Accounts.signUp(http, "Access");
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        String[] reader = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "billing.read")};
        String[] projects = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "projects.read")};
        List<String[]> reads = List.of(new String[] {"GET", "/payment-methods"}, new String[] {"GET", "/payment-methods/default"},
                new String[] {"GET", "/public-key"});
        List<String[]> writes = List.of(new String[] {"POST", "/create-setup-session"}, new String[] {"DELETE", "/payment-methods/pm_x1"},
                new String[] {"POST", "/payment-methods/pm_x1/default"});
        for (List<String[]> group : List.of(reads, writes)) {
            for (String[] op : group) {
                String path = base(owner) + op[1];
                http.send(op[0], path, null).expect(401).conformsTo(CENTRALI);
                http.send(op[0], "/workspace/api/v1/no-such-workspace-anywhere" + op[1], null, owner.auth()).expect(404).conformsTo(CENTRALI);
                http.send(op[0], path, null, stranger.auth()).expect(403).conformsTo(CENTRALI);
                http.send(op[0], path, null, member.auth()).expect(403).conformsTo(CENTRALI);
                http.send(op[0], path, null, projects).expect(403).conformsTo(CENTRALI);
                http.send(op[0], path, null, reader).expect(group == reads ? 200 : 403).conformsTo(CENTRALI);
            }
        }
    }

    @Test
    void theWebhookStoresOnlySignedFreshEventsAndAReplayChangesNothing() {
        Accounts.Account owner = Accounts.signUp(http, "Webhook");
        String intent = addCard(owner);
        WebhookTests.await("the first card as default", () -> hasDefault(owner));
        String first = cardIds(owner).get(0);
        String customer = stripe("GET", "/v1/payment_methods/" + first, null).get("customer").asText();
        String second = stripe("POST", "/v1/payment_methods/pm_card_mastercard/attach", "customer=" + customer).get("id").asText();
        JsonNode intentObject = stripe("GET", "/v1/setup_intents/" + intent, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) intentObject).put("payment_method", second);
        String eventId = "evt_replay_" + UUID.randomUUID().toString().replace("-", "");
        String payload = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"setup_intent.succeeded\",\"livemode\":false,\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":" + intentObject + "}}";
        String secret = platformWebhookSecret();
        long now = Instant.now().getEpochSecond();
        String stored = "SELECT count(*) FROM billing.stripe_events WHERE event_id = ?";

        for (String bad : new String[] {sign("whsec_wrong", payload, now), sign(secret, payload, now - 301), "t=" + now + ",v1=00",
                sign(secret, payload + " ", now)}) {
            JsonNode refused = webhook(payload, bad).expect(400).conformsTo(CENTRALI).json();
            assertEquals("STRIPE_SIGNATURE_INVALID", refused.get("error").asText(), refused.toString());
            assertEquals("/workspace/api/v1/webhooks/stripe", refused.get("path").asText());
        }
        webhook(payload, null).expect(400).conformsTo(CENTRALI);
        assertEquals(0, count(stored, eventId), "a refused event is not stored");

        JsonNode received = webhook(payload, sign(secret, payload, now)).expect(200).conformsTo(CENTRALI).json();
        assertTrue(received.get("received").asBoolean(), received.toString());
        WebhookTests.await("the event's card to become the default", () -> second.equals(get(owner, "/payment-methods").path("defaultPaymentMethodId").asText()));
        String setDefault = "/v1/customers/" + customer;
        http.post(base(owner) + "/payment-methods/" + first + "/default", null, owner.auth()).expect(200).conformsTo(CENTRALI);
        int updates = fake.requests("POST", setDefault).size();

        JsonNode replay = webhook(payload, sign(secret, payload, Instant.now().getEpochSecond())).expect(200).conformsTo(CENTRALI).json();
        assertTrue(replay.get("message").asText().contains("before"), replay.toString());
        assertEquals(1, count(stored, eventId), "stored once");
        try {
            Thread.sleep(1000); // five worker rounds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(first, get(owner, "/payment-methods").get("defaultPaymentMethodId").asText(), "the replay did not make its card the default again");
        assertEquals(updates, fake.requests("POST", setDefault).size(), "nothing sent to Stripe again");
        assertEquals(1, count("SELECT count(*) FROM billing.stripe_events WHERE event_id = ? AND processed_at IS NOT NULL AND attempts = 1", eventId),
                "processed once, on the first try");
    }
}
