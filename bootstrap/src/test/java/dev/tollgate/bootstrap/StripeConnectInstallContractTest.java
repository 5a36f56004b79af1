package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe installed through Stripe Connect OAuth (ADR 0047) over real HTTP against FakeStripe, every OpenMeter answer
 * validated against openmeter.yaml: the install URL and its one-time state, the browser's trip through Connect's
 * authorize page and back, the installed app calling the connected account (Stripe-Account), and every way a callback
 * is refused: missing, unknown, used, expired or another namespace's state, Stripe's access_denied, a refused code.
 */
@MicronautTest(transactional = false)
class StripeConnectInstallContractTest extends HttpTest {
    private static final String CLIENT_ID = "ca_tollgateConnectTest";
    private static final String AUTHORIZE = "/api/v1/marketplace/listings/stripe/install/oauth2/authorize";
    private final FakeStripe fake = FakeStripe.builder().webhookRetries(6, Duration.ofMillis(50)).start();
    private final int port = FreePorts.any();
    private final HttpClient browser = HttpClient.newHttpClient(); // follows no redirects: each hop is checked
    @Inject
    TransactionOperations<Connection> transactions;
    Accounts.Account account;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.stripe.connect-base", fake.baseUrl());
        properties.put("tollgate.stripe.connect-client-id", CLIENT_ID);
        properties.put("tollgate.stripe.secret-key", fake.secretKey());
        properties.put("tollgate.billing.stripe-event-worker-interval", "200ms");
        return properties;
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    @BeforeEach
    void namespace() {
        account = Accounts.signUp(http, "Connect");
    }

    private static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The install URL Tollgate answers the account with. */
    private URI installUrl(Accounts.Account who) {
        JsonNode start = http.get("/api/v1/marketplace/listings/stripe/install/oauth2", who.auth()).expect(200).conformsTo(OPENMETER).json();
        return URI.create(start.get("url").asText());
    }

    /** The browser at Connect's authorize page: the fake connects an account and sends it back to Tollgate. */
    private URI connect(URI authorizeUrl) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(authorizeUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, page.statusCode(), page.body());
        return URI.create(page.headers().firstValue("Location").orElseThrow());
    }

    private static String pathAndQuery(URI uri) {
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String problem(String path, Accounts.Account who, String code) {
        String body = http.get(path, who.auth()).expect(400).conformsTo(OPENMETER).body();
        assertTrue(body.contains(code), body);
        return body;
    }

    private void expire(String state) {
        transactions.executeWrite(status -> {
            try (var statement = status.getConnection().prepareStatement(
                    "UPDATE billing.oauth2_install_states SET expires_at = now() - interval '1 second'")) {
                return statement.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theInstallUrlIsConnectsAuthorizePageWithAOneTimeStateAndTollgatesCallback() {
        URI url = installUrl(account);
        assertEquals(fake.baseUrl() + "/oauth/authorize", url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
        assertEquals("code", param(url, "response_type"));
        assertEquals(CLIENT_ID, param(url, "client_id"));
        assertEquals("read_write", param(url, "scope"));
        assertEquals("http://127.0.0.1:" + port + AUTHORIZE, param(url, "redirect_uri"));
        assertTrue(param(url, "state").length() >= 43, "256 random bits");
        assertTrue(!param(url, "state").equals(param(installUrl(account), "state")), "a fresh state each time");

        JsonNode listing = http.get("/api/v1/marketplace/listings/stripe", account.auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("with_oauth2", listing.at("/installMethods/0").asText());

        http.get("/api/v1/marketplace/listings/stripe/install/oauth2").expect(401).conformsTo(OPENMETER);
        problem("/api/v1/marketplace/listings/sandbox/install/oauth2", account, "install_method_not_supported");
        http.get("/api/v1/marketplace/listings/paypal/install/oauth2", account.auth()).expect(404).conformsTo(OPENMETER);
    }

    @Test
    void theConnectFlowInstallsAStripeAppThatWorksOnTheConnectedAccount() throws Exception {
        URI back = connect(installUrl(account));
        assertEquals(AUTHORIZE, back.getRawPath());
        String connected = fake.connectedAccounts().get(fake.connectedAccounts().size() - 1);

        // The browser comes back with its session cookie, as after any top-level navigation (SameSite=Lax).
        var done = http.get(pathAndQuery(back), account.cookie()).expect(303).conformsTo(OPENMETER);
        URI appUrl = URI.create(done.header("Location"));
        assertTrue(appUrl.getRawPath().startsWith("/api/v1/apps/"), appUrl.toString());
        JsonNode app = http.get(appUrl.getRawPath(), account.auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("stripe", app.get("type").asText());
        assertEquals("ready", app.get("status").asText());
        assertEquals(connected, app.get("stripeAccountId").asText());
        assertEquals("sk_test_***", app.get("maskedAPIKey").asText(), "no part of the platform's key is shown");
        assertEquals(1, fake.count("webhook_endpoint", connected), "the app's webhook is on the connected account");

        // The app works as an API-key one, on the connected account: the customer's Stripe customer is made there.
        int platformCustomers = fake.count("customer", fake.accountId());
        http.post("/api/v1/customers", "{\"name\":\"Acme Inc\",\"key\":\"acme\",\"primaryEmail\":\"billing@acme.test\"}", account.auth())
                .expect(201).conformsTo(OPENMETER);
        JsonNode session = http.post("/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"acme\"},\"options\":{}}", account.auth())
                .expect(201).conformsTo(OPENMETER).json();
        assertEquals(1, fake.count("customer", connected));
        assertEquals(platformCustomers, fake.count("customer", fake.accountId()));

        // Its webhook (the connected account's events) reaches the app: the saved card becomes the customer's default.
        fake.completeCheckoutSession(session.get("sessionId").asText());
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        WebhookTests.await("the default payment method", () -> http.get("/api/v1/customers/acme/stripe", account.auth()).json()
                .has("stripeDefaultPaymentMethodId"));

        // The state was used: the same callback again is refused and installs nothing more.
        problem(pathAndQuery(back), account, "oauth2_state_invalid");
        // Its key cannot be replaced: it has none.
        String appId = app.get("id").asText();
        assertTrue(http.put("/api/v1/apps/" + appId + "/stripe/api-key", "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}", account.auth())
                .expect(400).conformsTo(OPENMETER).body().contains("stripe_app_connected"));
    }

    @Test
    void aStateIsOnlyTheNamespacesThatAskedForIt() throws Exception {
        Accounts.Account other = Accounts.signUp(http, "Other");
        URI back = connect(installUrl(account));
        problem(pathAndQuery(back), other, "oauth2_state_invalid");
        // Another tenant's attempt does not use it up: its owner still finishes the install.
        http.get(pathAndQuery(back), account.auth()).expect(303).conformsTo(OPENMETER);
    }

    @Test
    void missingUnknownAndExpiredStatesAreRefused() throws Exception {
        problem(AUTHORIZE + "?code=ac_x", account, "oauth2_state_invalid");
        problem(AUTHORIZE + "?code=ac_x&state=forged", account, "oauth2_state_invalid");
        URI back = connect(installUrl(account));
        expire(param(back, "state"));
        problem(pathAndQuery(back), account, "oauth2_state_expired");
        problem(pathAndQuery(back), account, "oauth2_state_invalid"); // an expired state is used up too
        http.get(AUTHORIZE + "?code=ac_x&state=x").expect(401).conformsTo(OPENMETER);
        problem("/api/v1/marketplace/listings/sandbox/install/oauth2/authorize?code=ac_x&state=x", account, "install_method_not_supported");
    }

    @Test
    void stripesRefusalsAreErrorsAndUseTheStateUp() throws Exception {
        String state = param(installUrl(account), "state");
        problem(AUTHORIZE + "?error=access_denied&error_description=The+user+denied+your+request&state=" + state, account,
                "oauth2_access_denied");
        problem(AUTHORIZE + "?code=ac_x&state=" + state, account, "oauth2_state_invalid");

        String another = param(installUrl(account), "state");
        problem(AUTHORIZE + "?code=ac_never_issued&state=" + another, account, "oauth2_code_invalid");
        JsonNode apps = http.get("/api/v1/apps", account.auth()).expect(200).conformsTo(OPENMETER).json();
        apps.get("items").forEach(a -> assertTrue(!a.get("type").asText().equals("stripe"), "nothing installed: " + a));
    }
}
