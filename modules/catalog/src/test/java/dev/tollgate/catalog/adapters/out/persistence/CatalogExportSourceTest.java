package dev.tollgate.catalog.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's export source writes one organization's features, plan and add-on versions with their terms, and offers. */
@MicronautTest(transactional = false)
class CatalogExportSourceTest extends HttpTest {
    private static final String PLAN = """
            {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
             "rateCards":[{"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
               "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""";
    private static final String ADDON = """
            {"key":"seats","name":"Extra seats","instanceType":"multiple","currency":"USD","rateCards":[
              {"type":"flat_fee","key":"seat","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"15"}}]}""";
    @Inject
    List<WorkspaceExportSource> sources;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper json;

    @Test
    void exportsTheOrganizationsCatalogWithTermsAsStored() throws Exception {
        Account ours = Accounts.signUp(http, "Seller");
        Account theirs = Accounts.signUp(http, "Rival");
        String featureId = http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", ours.auth()).expect(201).json()
                .get("id").asText();
        http.post("/api/v1/features", "{\"key\":\"rival_feature\",\"name\":\"Rival\"}", theirs.auth()).expect(201);
        String planId = http.post("/api/v1/plans", PLAN, ours.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans", PLAN.replace("\"key\":\"pro\"", "\"key\":\"rival_plan\""), theirs.auth()).expect(201);
        String addonId = http.post("/api/v1/addons", ADDON, ours.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/addons/" + addonId + "/publish", "", ours.auth()).expect(200);
        http.post("/api/v1/plans/" + planId + "/addons", "{\"addonId\":\"" + addonId + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}",
                ours.auth()).expect(201);
        http.post("/api/v1/plans/" + planId + "/publish", "", ours.auth()).expect(200);

        Map<String, List<Map<String, ?>>> export = export(ours);

        Map<String, ?> feature = single(export.get("features"));
        assertEquals(featureId, feature.get("id"));
        assertEquals("sso", feature.get("key"));
        Map<String, ?> plan = single(export.get("plans"));
        assertEquals(planId, plan.get("id"));
        assertEquals(1, plan.get("version"));
        assertEquals("P1M", plan.get("billingCadence"));
        assertNotNull(plan.get("effectiveFrom"), "published");
        List<?> phases = (List<?>) plan.get("phases");
        Map<?, ?> rateCard = (Map<?, ?>) ((List<?>) ((Map<?, ?>) phases.get(0)).get("rateCards")).get(0);
        assertEquals("platform", rateCard.get("key"));
        Map<String, ?> addon = single(export.get("addons"));
        assertEquals("multiple", addon.get("instanceType"));
        assertEquals(1, ((List<?>) addon.get("rateCards")).size());
        Map<String, ?> offer = single(export.get("plan_addons"));
        assertEquals(planId, offer.get("planId"));
        assertEquals(addonId, offer.get("addonId"));
        assertEquals(5, offer.get("maxQuantity"));

        String text = json.writeValueAsString(export);
        assertFalse(text.contains("rival"), "nothing of another organization");
        assertFalse(text.contains("max_projects"), "nor Tollgate's own tiers of the system namespace");
    }

    private Map<String, List<Map<String, ?>>> export(Account account) {
        WorkspaceExportSource catalog = sources.stream().filter(s -> s.section().equals("catalog")).findFirst().orElseThrow();
        Map<String, List<Map<String, ?>>> export = new LinkedHashMap<>();
        transactions.executeRead(status -> {
            catalog.resources().forEach(resource -> {
                List<Map<String, ?>> records = new ArrayList<>();
                catalog.write(TypeId.parse("org", account.orgId()), resource, records::add);
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
