package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.exception.oauth.InvalidGrantException;
import com.stripe.model.Customer;
import com.stripe.model.oauth.TokenResponse;
import com.stripe.net.OAuth;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connect OAuth through stripe-java 31.1.0 ({@code OAuth.token}) and a connected account's objects kept apart. */
class FakeStripeConnectTest {
    private FakeStripe fake;

    @BeforeEach
    void start() {
        fake = FakeStripe.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** What a browser sent to {@code /oauth/authorize} comes back with: the redirect's location. */
    private URI authorize(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                + "/oauth/authorize?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode(), response.body());
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private TokenResponse token(String code) throws StripeException {
        return OAuth.token(Map.of("grant_type", "authorization_code", "code", code), RequestOptions.builder()
                .setApiKey(fake.secretKey()).setBaseUrl(fake.baseUrl()).build());
    }

    @Test
    void aCodeIsExchangedOnceForTheConnectedAccount() throws Exception {
        URI back = authorize("response_type=code&client_id=ca_test&scope=read_write&state=s%201&redirect_uri="
                + "http%3A%2F%2F127.0.0.1%3A9%2Fcallback");
        assertEquals("/callback", back.getPath());
        assertEquals("s 1", param(back, "state"));
        String code = param(back, "code");
        assertTrue(code.startsWith("ac_"), code);

        TokenResponse token = token(code);
        assertEquals(fake.connectedAccounts().get(0), token.getStripeUserId());
        assertEquals("read_write", token.getScope());

        InvalidGrantException reused = assertThrows(InvalidGrantException.class, () -> token(code));
        assertEquals("invalid_grant", reused.getOauthError().getError());
        assertThrows(InvalidGrantException.class, () -> token("ac_unknown"));
    }

    @Test
    void aConnectedAccountsCustomersAreItsOwn() throws Exception {
        String account = token(param(authorize("response_type=code&client_id=ca_test&redirect_uri=http%3A%2F%2Fx.test%2F"), "code"))
                .getStripeUserId();
        StripeClient platform = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).setMaxNetworkRetries(0).build();
        StripeClient connected = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).setStripeAccount(account)
                .setMaxNetworkRetries(0).build();

        Customer mine = platform.v1().customers().create(CustomerCreateParams.builder().setName("Platform's").build());
        Customer theirs = connected.v1().customers().create(CustomerCreateParams.builder().setName("Connected's").build());

        assertEquals(account, connected.v1().accounts().retrieveCurrent().getId());
        assertEquals(fake.accountId(), platform.v1().accounts().retrieveCurrent().getId());
        assertEquals(1, fake.count("customer", account));
        assertEquals(1, fake.count("customer", fake.accountId()));
        assertEquals(theirs.getId(), connected.v1().customers().list(CustomerListParams.builder().build()).getData().get(0).getId());
        assertEquals(1, platform.v1().customers().list(CustomerListParams.builder().build()).getData().size());
        InvalidRequestException other = assertThrows(InvalidRequestException.class, () -> connected.v1().customers().retrieve(mine.getId()));
        assertEquals("resource_missing", other.getCode());

        StripeClient stranger = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).setStripeAccount("acct_nobody")
                .setMaxNetworkRetries(0).build();
        assertThrows(PermissionException.class, () -> stranger.v1().customers().list(CustomerListParams.builder().build()));
    }
}
