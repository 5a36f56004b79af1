package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Centrali's invoices of a workspace are the standard invoices of its organization's customer in the system namespace
 * (ADR 0038): the operator bills the organization through OpenMeter's routes, and the workspace's admins read the
 * bills in Centrali's shape.
 */
@MicronautTest(transactional = false)
class CentraliInvoicesContractTest extends HttpTest {
    static final String SECRET = "centrali-invoices-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "pro"); // three seats: the owner, a member and an admin
        return properties;
    }

    /** The operator bills a flat fee to the organization now; the invoice as OpenMeter shows it. */
    private JsonNode bill(String customerId, String name, String amount) {
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = from.plus(1, ChronoUnit.DAYS);
        http.post("/api/v1/billing/customers/" + customerId + "/invoices/pending-lines", """
                {"currency":"USD","lines":[{"name":"%s","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                 "rateCard":{"price":{"type":"flat","amount":"%s","paymentTerm":"in_advance"}}}]}""".formatted(name, from, to, from, amount),
                OPERATOR).expect(201).conformsTo(OPENMETER);
        JsonNode made = http.post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", OPERATOR).expect(201)
                .conformsTo(OPENMETER).json();
        assertEquals(1, made.size(), made.toString());
        // As stored: the answer that made it may carry instants finer than the database keeps.
        return http.get("/api/v1/billing/invoices/" + made.get(0).get("id").asText(), OPERATOR).expect(200).conformsTo(OPENMETER).json();
    }

    /** New invoices of the system namespace wait for manual approval: they stay drafts. */
    private void manualApproval() {
        JsonNode profile = http.get("/api/v1/billing/profiles", OPERATOR).expect(200).json().get("items").get(0);
        http.put("/api/v1/billing/profiles/" + profile.get("id").asText(), """
                {"name":"%s","default":true,"supplier":{"name":"Tollgate"},"workflow":{"invoicing":{"autoAdvance":false,"dueAfter":"P14D"}}}"""
                .formatted(profile.get("name").asText()), OPERATOR).expect(200).conformsTo(OPENMETER);
    }

    private JsonNode list(Accounts.Account a, String query) {
        return http.get("/workspace/api/v1/" + a.orgSlug() + "/invoices" + query, a.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    private static void assertSameInvoice(JsonNode openmeter, String workspaceId, String status, JsonNode centrali) {
        assertEquals(openmeter.get("id").asText(), centrali.get("id").asText(), centrali.toString());
        assertEquals(workspaceId, centrali.get("workspace_id").asText());
        assertEquals(openmeter.get("number").asText(), centrali.get("number").asText());
        assertEquals(0, new BigDecimal(openmeter.get("totals").get("total").asText()).compareTo(centrali.get("amount").decimalValue()),
                centrali.toString());
        assertEquals("USD", centrali.get("currency").asText());
        assertEquals(status, centrali.get("status").asText());
        if (openmeter.hasNonNull("issuedAt")) {
            assertEquals(Instant.parse(openmeter.get("issuedAt").asText()), Instant.parse(centrali.get("invoice_date").asText()));
        } else {
            assertTrue(centrali.get("invoice_date").isNull(), "a draft has not been issued: " + centrali);
        }
        if (openmeter.hasNonNull("dueAt")) {
            assertEquals(Instant.parse(openmeter.get("dueAt").asText()), Instant.parse(centrali.get("due_date").asText()));
        } else {
            assertTrue(centrali.get("due_date").isNull(), centrali.toString());
        }
        assertTrue(centrali.has("pdf_url") && centrali.get("pdf_url").isNull(), "every def-3 field is written: " + centrali);
        assertEquals(openmeter.get("lines").get(0).get("name").asText(), centrali.get("lines").get(0).get("name").asText());
    }

    /** PlanetScale's listInvoices reads the same bills (ADR 0041): totals in cents, periods as dates, four statuses. */
    @Test
    void planetScaleListsTheSameBills() {
        Accounts.Account owner = Accounts.signUp(http, "Scaled");
        String path = "/v1/organizations/" + owner.orgSlug() + "/invoices";
        assertEquals(0, http.get(path, owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size(), "no bills yet");
        String customerId = http.get("/api/v1/customers/" + owner.orgId(), OPERATOR).expect(200).json().get("id").asText();
        JsonNode paid = bill(customerId, "Setup", "250.5");
        JsonNode data = http.get(path, owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(1, data.size(), data.toString());
        JsonNode one = data.get(0);
        assertEquals(paid.get("id").asText(), one.get("id").asText());
        assertEquals(0, new BigDecimal("25050").compareTo(one.get("total").decimalValue()), one.toString());
        assertEquals("paid", one.get("status").asText());
        assertEquals("USD", one.get("currency").asText());
        assertTrue(one.get("period_start").asText().matches("\\d{4}-\\d{2}-\\d{2}"), one.toString());
        assertEquals(data, http.get("/v1/organizations/" + owner.orgId() + "/invoices", owner.auth()).expect(200).json().get("data"),
                "by id as well as by name");

        http.get(path).expect(401).conformsTo(PLANETSCALE);
        http.get("/v1/organizations/no-such-organization-anywhere/invoices", owner.auth()).expect(404);
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        http.get(path, stranger.auth()).expect(404);
        http.get(path, "Authorization", "Bearer " + Accounts.apiKey(http, owner, "billing.read")).expect(200).conformsTo(PLANETSCALE);

        // Behind the billing permission: a caller of the organization without it is refused as PlanetScale refuses a
        // missing permission on its other routes (401, {code, message}), and learns nothing of the bills.
        String billId = paid.get("id").asText();
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        http.get("/v1/organizations/" + owner.orgSlug(), member.auth()).expect(200).conformsTo(PLANETSCALE); // a member of it
        refusedForMissingPermission(http.get(path, member.auth()), billId);
        refusedForMissingPermission(http.get("/v1/organizations/" + owner.orgId() + "/invoices", member.auth()), billId);
        Accounts.Account admin = Accounts.signUp(http, "Admin");
        Accounts.join(http, owner, admin, "admin");
        assertEquals(data, http.get(path, admin.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data"), "admins hold it");

        String[] keyWithoutBilling = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "workspaces.read", "members.read", "billing.write")};
        http.get("/v1/organizations/" + owner.orgSlug() + "/members", keyWithoutBilling).expect(200).conformsTo(PLANETSCALE); // a working key
        refusedForMissingPermission(http.get(path, keyWithoutBilling), billId);

        JsonNode token = http.post("/v1/organizations/" + owner.orgSlug() + "/service-tokens", "{\"name\":\"no billing\"}", owner.auth())
                .expect(201).json();
        http.post("/v1/organizations/" + owner.orgSlug() + "/service-tokens/" + token.get("id").asText() + "/accesses",
                "{\"access\":\"read_organization\"}", owner.auth()).expect(201).conformsTo(PLANETSCALE);
        String[] tokenWithoutBilling = {"Authorization", "ServiceToken " + token.get("id").asText() + ":" + token.get("token").asText()};
        http.get("/v1/organizations/" + owner.orgSlug() + "/members", tokenWithoutBilling).expect(200).conformsTo(PLANETSCALE); // a working token
        refusedForMissingPermission(http.get(path, tokenWithoutBilling), billId);
    }

    /**
     * PlanetScale's read_invoices (the access its listInvoices asks of a service token) is READ_INVOICES: the token
     * lists its own organization's bills and nothing else of billing; read_billing allows nothing yet. Only admins
     * (and credentials holding it) can hand it to a token.
     */
    @Test
    void aServiceTokenWithReadInvoicesListsItsOwnOrganizationsBillsOnly() {
        Accounts.Account owner = Accounts.signUp(http, "Tokened");
        String org = "/v1/organizations/" + owner.orgSlug();
        String path = org + "/invoices";
        String billId = bill(http.get("/api/v1/customers/" + owner.orgId(), OPERATOR).expect(200).json().get("id").asText(), "Setup", "12")
                .get("id").asText();
        Accounts.Account other = Accounts.signUp(http, "Elsewhere");
        String otherBillId = bill(http.get("/api/v1/customers/" + other.orgId(), OPERATOR).expect(200).json().get("id").asText(), "Other",
                "34").get("id").asText();

        // Not grantable by who could not read the bills: a member, a database admin, a token or key without it.
        JsonNode token = http.post(org + "/service-tokens", "{\"name\":\"invoices\"}", owner.auth()).expect(201).json();
        String accesses = org + "/service-tokens/" + token.get("id").asText() + "/accesses";
        String[] asToken = {"Authorization", "ServiceToken " + token.get("id").asText() + ":" + token.get("token").asText()};
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        Accounts.Account databaseAdmin = Accounts.signUp(http, "Dba");
        Accounts.join(http, owner, databaseAdmin, "database_admin");
        for (String[] notAdmin : new String[][] {member.auth(), databaseAdmin.auth()}) {
            http.post(accesses, "{\"access\":\"read_invoices\"}", notAdmin).expect(401).conformsTo(PLANETSCALE);
        }
        http.post(accesses, "{\"access\":\"write_service_tokens\"}", owner.auth()).expect(201);
        http.post(accesses, "{\"access\":\"read_invoices\"}", asToken).expect(401).conformsTo(PLANETSCALE); // it holds no billing
        String[] tokensKey = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "tokens.write")};
        http.post(accesses, "{\"access\":\"read_invoices\"}", tokensKey).expect(401).conformsTo(PLANETSCALE);
        assertFalse(http.get(accesses, owner.auth()).expect(200).body().contains("read_invoices"));
        refusedForMissingPermission(http.get(path, asToken), billId);

        // read_billing names no part of Tollgate's billing yet: still refused.
        http.post(accesses, "{\"access\":\"read_billing\"}", owner.auth()).expect(201).conformsTo(PLANETSCALE);
        refusedForMissingPermission(http.get(path, asToken), billId);

        // Granted by an API key that reads billing itself (or an admin): the organization's own bills, and only those.
        String[] billingKey = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "tokens.write", "billing.read")};
        http.post(accesses, "{\"access\":\"read_invoices\"}", billingKey).expect(201).conformsTo(PLANETSCALE);
        JsonNode data = http.get(path, asToken).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(http.get(path, owner.auth()).expect(200).json().get("data"), data);
        assertEquals(1, data.size(), data.toString());
        assertEquals(billId, data.get(0).get("id").asText());
        assertEquals(data, http.get("/v1/organizations/" + owner.orgId() + "/invoices", asToken).expect(200).json().get("data"));
        var elsewhere = http.get("/v1/organizations/" + other.orgSlug() + "/invoices", asToken).expect(404);
        assertFalse(elsewhere.body().contains(otherBillId), elsewhere.body());
        http.get("/v1/organizations/" + other.orgId() + "/invoices", asToken).expect(404);

        // Nothing else: not the organization, not OpenMeter's billing, not Centrali's workspace bills.
        http.get(org + "/members", asToken).expect(401).conformsTo(PLANETSCALE);
        http.get("/api/v1/billing/invoices", asToken).expect(403).conformsTo(OPENMETER);
        http.get("/api/v1/billing/profiles", asToken).expect(403).conformsTo(OPENMETER);
        var centrali = http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices", asToken);
        assertTrue(centrali.status() >= 400 && !centrali.body().contains(billId), centrali.status() + " " + centrali.body());
    }

    /** PlanetScale's refusal of a caller lacking a permission: 401 in its {@code {code, message}} shape, with no bill in it. */
    private static void refusedForMissingPermission(dev.tollgate.testing.TestHttp.Exchange exchange, String billId) {
        JsonNode refused = exchange.expect(401).conformsTo(PLANETSCALE).json();
        assertTrue(refused.hasNonNull("code") && refused.hasNonNull("message"), refused.toString());
        assertFalse(refused.has("data"), refused.toString());
        assertFalse(exchange.body().contains(billId), exchange.body());
    }

    @Test
    void theWorkspacesBillsWithTheirStatusesPagesAndAccess() {
        Accounts.Account owner = Accounts.signUp(http, "Billed");
        String workspaceId = http.get("/workspace/api/v1/" + owner.orgSlug(), owner.auth()).expect(200).json().get("id").asText();
        assertEquals(0, list(owner, "").size(), "no bills yet");

        String customerId = http.get("/api/v1/customers/" + owner.orgId(), OPERATOR).expect(200).json().get("id").asText();
        JsonNode paid = bill(customerId, "Setup", "250");
        assertEquals("paid", paid.get("status").asText(), "the sandbox collects at once: " + paid);
        manualApproval();
        JsonNode draft = bill(customerId, "Seats", "40");
        assertEquals("draft.manual_approval_needed", draft.get("statusDetails").get("extendedStatus").asText(), draft.toString());

        JsonNode all = list(owner, "");
        assertEquals(2, all.size(), all.toString());
        assertSameInvoice(draft, workspaceId, "draft", all.get(0)); // newest first
        assertSameInvoice(paid, workspaceId, "paid", all.get(1));
        assertEquals(0, new BigDecimal("250").compareTo(all.get(1).get("amount").decimalValue()));
        assertEquals(paid.get("id").asText(), list(owner, "?status=paid").get(0).get("id").asText());
        assertEquals(1, list(owner, "?status=paid").size());
        assertEquals(draft.get("id").asText(), list(owner, "?status=draft").get(0).get("id").asText());
        assertEquals(0, list(owner, "?status=open").size());
        assertEquals(0, list(owner, "?status=void").size());
        assertEquals(draft.get("id").asText(), list(owner, "?limit=1").get(0).get("id").asText());
        JsonNode second = list(owner, "?page=2&limit=1");
        assertEquals(1, second.size());
        assertEquals(paid.get("id").asText(), second.get(0).get("id").asText());
        assertEquals(0, list(owner, "?page=3&limit=1").size());

        JsonNode one = http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoice/" + paid.get("id").asText(), owner.auth()).expect(200)
                .conformsTo(CENTRALI).json();
        assertSameInvoice(paid, workspaceId, "paid", one);
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoice/" + ContractBaselineTest.UNKNOWN_ULID, owner.auth()).expect(404)
                .conformsTo(CENTRALI);
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoice/not-an-id", owner.auth()).expect(404).conformsTo(CENTRALI);

        // Bad input, in Centrali's error shape.
        for (String bad : new String[] {"?status=overdue", "?page=0", "?limit=0", "?limit=101", "?page=abc"}) {
            JsonNode refused = http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices" + bad, owner.auth()).expect(400)
                    .conformsTo(CENTRALI).json();
            assertEquals(400, refused.get("status").asInt(), bad);
            assertTrue(refused.has("error") && refused.has("timestamp") && refused.has("path"), refused.toString());
        }

        // Without credentials; a workspace that does not exist.
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices").expect(401).conformsTo(CENTRALI);
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoice/" + paid.get("id").asText()).expect(401).conformsTo(CENTRALI);
        http.get("/workspace/api/v1/no-such-workspace/invoices", owner.auth()).expect(404).conformsTo(CENTRALI);

        // Money is for admins: a plain member is forbidden; a stranger sees nothing of the workspace's bills.
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices", member.auth()).expect(403).conformsTo(CENTRALI);
        Accounts.Account admin = Accounts.signUp(http, "Admin");
        Accounts.join(http, owner, admin, "admin");
        assertEquals(2, http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices", admin.auth()).expect(200).conformsTo(CENTRALI).json()
                .size());
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        JsonNode forbidden = http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoices", stranger.auth()).expect(403).conformsTo(CENTRALI)
                .json();
        assertFalse(forbidden.toString().contains(paid.get("id").asText()), forbidden.toString());
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/invoice/" + paid.get("id").asText(), stranger.auth()).expect(403)
                .conformsTo(CENTRALI);
        // In their own workspace, another workspace's invoice is not found, and their own list stays empty.
        JsonNode notTheirs = http.get("/workspace/api/v1/" + stranger.orgSlug() + "/invoice/" + paid.get("id").asText(), stranger.auth())
                .expect(404).conformsTo(CENTRALI).json();
        assertFalse(notTheirs.toString().contains("Setup"), notTheirs.toString());
        assertEquals(0, list(stranger, "").size());
    }
}
