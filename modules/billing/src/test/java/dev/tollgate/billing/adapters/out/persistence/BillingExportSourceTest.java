package dev.tollgate.billing.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Billing's export source writes one organization's apps, profiles, subscriptions and invoices as created through
 * OpenMeter's API, nothing of another organization, and never a Stripe app's API key or webhook secret.
 */
@MicronautTest(transactional = false)
class BillingExportSourceTest extends HttpTest {
    private static final String PLAN = """
            {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
             "rateCards":[{"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
               "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""";
    private final FakeStripe stripe = FakeStripe.start();
    private final int port = FreePorts.any();
    @Inject
    List<WorkspaceExportSource> sources;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", stripe.baseUrl());
        return properties;
    }

    @AfterAll
    void stopStripe() {
        stripe.close();
    }

    @Test
    void exportsTheOrganizationsBillingWithoutStripeSecrets() throws Exception {
        Account ours = Accounts.signUp(http, "Biller");
        Account theirs = Accounts.signUp(http, "Elsewhere");
        String stripeApp = http.post("/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"" + stripe.secretKey()
                + "\",\"name\":\"Payments\",\"createBillingProfile\":false}", ours.auth()).expect(200).json().at("/app/id").asText();
        String customer = customer(ours, "acme");
        String subscription = subscribe(ours, "acme");
        String invoice = http.post("/api/v1/billing/customers/" + customer + "/invoices/pending-lines", """
                {"currency":"USD","lines":[{"name":"Setup fee","period":{"from":"2030-01-01T00:00:00Z","to":"2030-02-01T00:00:00Z"},
                 "invoiceAt":"2030-01-01T00:00:00Z","rateCard":{"price":{"type":"flat","amount":"12"}}}]}""", ours.auth()).expect(201).json()
                .get("invoice").get("id").asText();
        customer(theirs, "rival");
        subscribe(theirs, "rival");

        Map<String, List<Map<String, ?>>> export = export(ours);

        Map<String, ?> app = export.get("apps").stream().filter(a -> a.get("id").equals(stripeApp)).findFirst().orElseThrow();
        assertEquals("stripe", app.get("type"));
        assertEquals(stripe.accountId(), app.get("stripeAccountId"));
        assertTrue(export.get("profiles").stream().anyMatch(p -> Boolean.TRUE.equals(p.get("default"))), export.get("profiles").toString());
        Map<String, ?> exported = single(export.get("subscriptions"));
        assertEquals(subscription, exported.get("id"));
        assertEquals("pro", ((Map<?, ?>) exported.get("plan")).get("key"));
        Map<?, ?> phase = (Map<?, ?>) ((List<?>) exported.get("phases")).get(0);
        assertEquals("main", phase.get("key"), "the phases and items as stored: " + phase);
        assertTrue(export.get("invoices").stream().anyMatch(i -> i.get("id").equals(invoice)), export.get("invoices").toString());
        assertTrue(export.get("invoice_lines").stream().anyMatch(l -> l.get("name").equals("Setup fee") && l.get("invoiceId").equals(invoice)),
                export.get("invoice_lines").toString());

        String text = json.writeValueAsString(export);
        assertFalse(text.contains("rival"), "nothing of another organization");
        assertFalse(text.contains(stripe.secretKey()), "never the Stripe API key");
        assertFalse(text.contains("sk_test") || text.contains("sk_live"), "nor its masked form");
        assertFalse(text.contains("whsec_"), "nor the webhook signing secret");
    }

    /** A customer of the given key; returns its id. */
    private String customer(Account account, String key) {
        return http.post("/api/v1/customers", "{\"name\":\"" + key + "\",\"key\":\"" + key + "\",\"usageAttribution\":{\"subjectKeys\":[\""
                + key + "\"]}}", account.auth()).expect(201).json().get("id").asText();
    }

    /** The customer's subscription to a published plan Pro; returns the subscription's id. */
    private String subscribe(Account account, String customer) {
        String plan = http.post("/api/v1/plans", PLAN, account.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans/" + plan + "/publish", "", account.auth()).expect(200);
        return http.post("/api/v1/subscriptions", "{\"customerKey\":\"" + customer + "\",\"plan\":{\"key\":\"pro\"}}", account.auth())
                .expect(201).json().get("id").asText();
    }

    private Map<String, List<Map<String, ?>>> export(Account account) {
        WorkspaceExportSource billing = sources.stream().filter(s -> s.section().equals("billing")).findFirst().orElseThrow();
        Map<String, List<Map<String, ?>>> export = new LinkedHashMap<>();
        transactions.executeRead(status -> {
            billing.resources().forEach(resource -> {
                List<Map<String, ?>> records = new ArrayList<>();
                billing.write(TypeId.parse("org", account.orgId()), resource, records::add);
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
