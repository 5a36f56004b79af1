package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Centrali's overage settings (ADR 0041): the organization's spend cap in cents (PgBeam's spend limit underneath),
 * overage off as a hard quota, no enabling without a default payment method, the tier plan's usage prices as rates.
 */
@MicronautTest(transactional = false)
class CentraliOverageContractTest extends HttpTest {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    private JsonNode get(Accounts.Account account) {
        return http.get("/workspace/api/v1/" + account.orgSlug() + "/overage", account.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    private JsonNode patch(Accounts.Account account, String body) {
        return http.patch("/workspace/api/v1/" + account.orgSlug() + "/overage", body, account.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    @Test
    void theSettingsAreTheSpendCapInCentsAndThePlansUsagePrices() {
        Accounts.Account owner = Accounts.signUp(http, "Overage");
        JsonNode starter = get(owner);
        assertTrue(starter.get("overageEnabled").asBoolean(), "the tier plans bill usage beyond their allowance (ADR 0034)");
        assertTrue(starter.get("overageSpendingCapCents").isNull(), starter.toString());
        assertFalse(starter.get("hasDefaultPaymentMethod").asBoolean(), "no card on file (CentraliPaymentMethodsContractTest covers one)");
        assertTrue(starter.get("overageRates").isNull(), "starter prices no usage: " + starter);

        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/pro", null, owner.auth()).expect(200).conformsTo(CENTRALI);
        JsonNode rates = get(owner).get("overageRates");
        assertEquals(0, new BigDecimal("0.0000004").compareTo(rates.get("executions").decimalValue()), rates.toString());
        assertEquals(0, new BigDecimal("0.09").compareTo(rates.get("storagePerGb").decimalValue()), rates.toString());
        assertTrue(rates.get("cpuSeconds").decimalValue().signum() > 0, rates.toString());
        assertTrue(rates.path("memoryGbSeconds").isMissingNode() || rates.get("memoryGbSeconds").isNull(), rates.toString());

        JsonNode capped = patch(owner, "{\"overageEnabled\":true,\"overageSpendingCapCents\":5050}");
        assertTrue(capped.get("overageEnabled").asBoolean());
        assertEquals(5050, capped.get("overageSpendingCapCents").asLong());
        assertFalse(capped.get("overageEnabledAt").isNull(), capped.toString());
        assertEquals(5050, get(owner).get("overageSpendingCapCents").asLong());
        assertEquals(50.5, http.get("/v1/organizations/" + owner.orgId() + "/plan", owner.auth()).expect(200).conformsTo(PGBEAM).json()
                .get("spend_limit").asDouble(), "one cap: PgBeam's spend limit in dollars");

        JsonNode off = patch(owner, "{\"overageEnabled\":false}");
        assertFalse(off.get("overageEnabled").asBoolean());
        assertTrue(off.get("overageEnabledAt").isNull(), off.toString());
        assertEquals(5050, off.get("overageSpendingCapCents").asLong(), "an absent cap is kept");
        JsonNode refused = http.patch("/workspace/api/v1/" + owner.orgSlug() + "/overage", "{\"overageEnabled\":true}", owner.auth())
                .expect(400).conformsTo(CENTRALI).json();
        assertTrue(refused.toString().contains("payment method"), refused.toString());
        assertFalse(get(owner).get("overageEnabled").asBoolean());
        assertTrue(patch(owner, "{\"overageEnabled\":false,\"overageSpendingCapCents\":null}").get("overageSpendingCapCents").isNull());
    }

    @Test
    void badInputStrangersAndMembers() {
        Accounts.Account owner = Accounts.signUp(http, "Overage");
        for (String body : List.of("{}", "{\"overageEnabled\":\"yes\"}", "{\"overageEnabled\":null}", "{\"overageEnabled\":false,\"overageSpendingCapCents\":1.5}",
                "{\"overageEnabled\":false,\"overageSpendingCapCents\":-1}", "{\"overageEnabled\":false,\"overageSpendingCapCents\":\"100\"}",
                "{\"overageEnabled\":false,\"overageSpendingCapCents\":99999999999999999999999}", "[]", "{", "")) {
            http.patch("/workspace/api/v1/" + owner.orgSlug() + "/overage", body, owner.auth()).expect(400).conformsTo(CENTRALI);
        }
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/overage").expect(401).conformsTo(CENTRALI);
        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/overage", "{\"overageEnabled\":false}").expect(401).conformsTo(CENTRALI);
        http.patch("/workspace/api/v1/no-such-workspace-anywhere/overage", "{\"overageEnabled\":false}", owner.auth()).expect(404)
                .conformsTo(CENTRALI);

        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/pro", null, owner.auth()).expect(200); // seats for a member
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        assertTrue(get(member).get("overageEnabled").asBoolean(), "a member reads the settings");
        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/overage", "{\"overageEnabled\":false}", member.auth()).expect(403)
                .conformsTo(CENTRALI);
        assertTrue(get(owner).get("overageEnabled").asBoolean(), "a member cannot turn overage off, nor raise a cap");
    }
}
