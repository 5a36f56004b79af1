package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Tollgate whose operator configured no Stripe account (ADR 0042): every payment route answers Centrali's 409
 * {@code BILLING_NOT_CONFIGURED} once the workspace and the caller's access are known (an unknown workspace is still
 * 404, a stranger 403), the webhook too, and overage reads no default payment method.
 */
@MicronautTest(transactional = false)
class CentraliPaymentsUnconfiguredTest extends HttpTest {

    @Test
    void everyPaymentRouteSaysBillingIsNotConfigured() {
        Accounts.Account owner = Accounts.signUp(http, "Unpaid");
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        for (String[] op : List.of(new String[] {"POST", "/create-setup-session"}, new String[] {"GET", "/payment-methods"},
                new String[] {"GET", "/payment-methods/default"}, new String[] {"DELETE", "/payment-methods/pm_x1"},
                new String[] {"POST", "/payment-methods/pm_x1/default"}, new String[] {"GET", "/public-key"})) {
            String path = "/workspace/api/v1/" + owner.orgSlug() + op[1];
            JsonNode refused = http.send(op[0], path, null, owner.auth()).expect(409).conformsTo(CENTRALI).json();
            assertEquals("BILLING_NOT_CONFIGURED", refused.get("error").asText(), refused.toString());
            assertEquals(409, refused.get("status").asInt());
            assertEquals(path, refused.get("path").asText());
            http.send(op[0], path, null, stranger.auth()).expect(403).conformsTo(CENTRALI);
            http.send(op[0], "/workspace/api/v1/no-such-workspace-anywhere" + op[1], null, owner.auth()).expect(404).conformsTo(CENTRALI);
        }
        JsonNode webhook = http.post("/workspace/api/v1/webhooks/stripe", "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
                "Stripe-Signature", "t=1,v1=00").expect(409).conformsTo(CENTRALI).json();
        assertEquals("BILLING_NOT_CONFIGURED", webhook.get("error").asText());
        assertFalse(http.get("/workspace/api/v1/" + owner.orgSlug() + "/overage", owner.auth()).expect(200).conformsTo(CENTRALI).json()
                .get("hasDefaultPaymentMethod").asBoolean());
    }
}
