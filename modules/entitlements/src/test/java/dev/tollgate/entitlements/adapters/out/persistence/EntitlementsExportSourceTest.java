package dev.tollgate.entitlements.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entitlements module's export source writes one organization's entitlements, grants, resets, spend cap and
 * cancellation feedback, as created through OpenMeter's and PgBeam's APIs, and nothing of another organization.
 */
@MicronautTest(transactional = false)
class EntitlementsExportSourceTest extends HttpTest {
    @Inject
    List<WorkspaceExportSource> sources;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper json;

    @Test
    void exportsTheOrganizationsEntitlementsGrantsAndBillingSettings() throws Exception {
        Account ours = Accounts.signUp(http, "Entitled");
        Account theirs = Accounts.signUp(http, "Other");
        String base = "/api/v2/customers/acme/entitlements";
        JsonNode metered = entitle(ours, "api_calls");
        String periodStart = metered.get("currentUsagePeriod").get("from").asText();
        String grant = http.post(base + "/api_calls/grants", "{\"amount\":50,\"priority\":5,\"effectiveAt\":\"" + periodStart + "\"}",
                ours.auth()).expect(201).json().get("id").asText();
        http.post(base + "/api_calls/reset", "{}", ours.auth()).expect(204);
        http.put("/v1/organizations/" + ours.orgId() + "/spend-limit", "{\"spend_limit\":250}", ours.auth()).expect(200);
        http.post("/v1/organizations/" + ours.orgId() + "/cancellation-feedback", "{\"reason\":\"too_expensive\",\"feedback\":\"Pricey\"}",
                ours.auth()).expect(204);
        entitle(theirs, "rival_calls");

        Map<String, List<Map<String, ?>>> export = export(ours);

        Map<String, ?> entitlement = single(export.get("entitlements"));
        assertEquals(metered.get("id").asText(), entitlement.get("id"));
        assertEquals("api_calls", entitlement.get("featureKey"));
        assertEquals("metered", entitlement.get("type"));
        assertEquals(0, new BigDecimal("100").compareTo((BigDecimal) entitlement.get("issueAmount")));
        assertEquals(2, export.get("grants").size(), "the entitlement's issue after reset is a grant too: " + export.get("grants"));
        Map<String, ?> exportedGrant = export.get("grants").stream().filter(g -> g.get("id").equals(grant)).findFirst().orElseThrow();
        assertEquals(metered.get("id").asText(), exportedGrant.get("entitlementId"));
        assertEquals(5, exportedGrant.get("priority"));
        assertEquals(metered.get("id").asText(), single(export.get("usage_resets")).get("entitlementId"));
        assertEquals(0, new BigDecimal("250").compareTo((BigDecimal) single(export.get("spend_cap")).get("spendLimit")));
        Map<String, ?> feedback = single(export.get("cancellation_feedback"));
        assertEquals("Pricey", feedback.get("feedback"));
        assertTrue(((String) feedback.get("userId")).startsWith("usr_"), feedback.toString());
        assertEquals(List.of(), export.get("marketplace_accounts"));

        String text = json.writeValueAsString(export);
        assertFalse(text.contains("rival"), "nothing of another organization");
        assertFalse(text.contains(ours.token()), "nor the credential the changes were made with");
    }

    /** A meter, a feature on it, customer acme and its metered entitlement of 100 a month. */
    private JsonNode entitle(Account account, String feature) {
        http.post("/api/v1/meters", "{\"slug\":\"" + feature + "\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", account.auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"" + feature + "\",\"name\":\"Calls\",\"meterSlug\":\"" + feature + "\"}", account.auth())
                .expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}",
                account.auth()).expect(201);
        return http.post("/api/v2/customers/acme/entitlements", """
                {"type":"metered","featureKey":"%s","usagePeriod":{"interval":"MONTH"},"issue":{"amount":100}}""".formatted(feature),
                account.auth()).expect(201).json();
    }

    private Map<String, List<Map<String, ?>>> export(Account account) {
        WorkspaceExportSource entitlements = sources.stream().filter(s -> s.section().equals("entitlements")).findFirst().orElseThrow();
        Map<String, List<Map<String, ?>>> export = new LinkedHashMap<>();
        transactions.executeRead(status -> {
            entitlements.resources().forEach(resource -> {
                List<Map<String, ?>> records = new ArrayList<>();
                entitlements.write(TypeId.parse("org", account.orgId()), resource, records::add);
                export.put(resource, records);
            });
            return null;
        });
        return export;
    }

    private static Map<String, ?> single(List<Map<String, ?>> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }
}
