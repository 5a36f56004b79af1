package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase;
import dev.tollgate.billing.application.port.in.InvoicePendingLinesUseCase;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's invoices over real HTTP, every answer validated against openmeter.yaml: pending lines on a gathering
 * invoice priced from real metered events, simulation, invoicing due lines (and progressively, part of a running
 * period), the workflow through the sandbox app to paid, manual approval, collection waiting and snapshots, edits,
 * void with re-billing, custom-invoicing callbacks, the refusals each state owes, and the worker that runs on the
 * clock — with amounts checked to the cent.
 */
@MicronautTest(transactional = false)
class OpenMeterInvoicesContractTest extends HttpTest {
    static final String GRADUATED = """
            {"type":"tiered","mode":"graduated","tiers":[
              {"upToAmount":"1000","flatPrice":null,"unitPrice":{"type":"unit","amount":"0.10"}},
              {"flatPrice":null,"unitPrice":{"type":"unit","amount":"0.05"}}]}""";
    static final String UNKNOWN = "01JAAAAAAAAAAAAAAAAAAAAAAA";
    @Inject
    InvoicePendingLinesUseCase invoicing;
    @Inject
    ChangeInvoiceUseCase changes;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    String token;
    String customerId;
    Instant now;
    int events;

    @BeforeEach
    void namespaceWithMeteredCustomer() {
        token = signUpOwner();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        customerId = http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}",
                auth()).expect(201).json().get("id").asText();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private JsonNode post(String path, String body, int status) {
        return http.post(path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    private JsonNode get(String path) {
        return http.get(path, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    /** The invoice's events in the outbox, in order: "created <status>" or the status an update announced. */
    private List<String> events(String invoiceId) {
        return transactions.executeRead(status -> {
            List<String> out = new ArrayList<>();
            try (var statement = status.getConnection().prepareStatement(
                    "SELECT payload->>'created', payload->>'status' FROM outbox.events WHERE aggregate = ? ORDER BY position")) {
                statement.setString(1, "invoice:" + invoiceId);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(("true".equals(rows.getString(1)) ? "created " : "") + rows.getString(2));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
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

    private String line(String name, Instant from, Instant to, Instant invoiceAt, String rateCard) {
        return """
                {"name":"%s","period":{"from":"%s","to":"%s"},"invoiceAt":"%s","rateCard":%s}""".formatted(name, from, to, invoiceAt, rateCard);
    }

    private JsonNode pending(String... lines) {
        return post("/api/v1/billing/customers/" + customerId + "/invoices/pending-lines",
                "{\"currency\":\"USD\",\"lines\":[" + String.join(",", lines) + "]}", 201);
    }

    private JsonNode invoiceNow(String extra) {
        JsonNode made = post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"" + extra + "}", 201);
        assertEquals(1, made.size(), made.toString());
        return made.get(0);
    }

    private void manualApproval() {
        JsonNode profile = get("/api/v1/billing/profiles").get("items").get(0);
        String body = """
                {"name":"%s","default":true,"supplier":{"name":"Tollgate Demo"},
                 "workflow":{"invoicing":{"autoAdvance":false,"dueAfter":"P14D"}}}""".formatted(profile.get("name").asText());
        http.put("/api/v1/billing/profiles/" + profile.get("id").asText(), body, auth()).expect(200).conformsTo(OPENMETER);
    }

    @Test
    void pendingLinesArePricedFromTheMeterAndInvoicedThroughTheSandboxToPaid() {
        JsonNode empty = get("/api/v1/billing/invoices");
        assertEquals(0, empty.get("totalCount").asInt());
        assertTrue(empty.get("items").isArray() && empty.get("items").isEmpty());

        Instant from = now.minus(2, ChronoUnit.DAYS);
        Instant to = now.minus(1, ChronoUnit.DAYS);
        calls(1500, from.plus(3, ChronoUnit.HOURS));
        calls(7, to.plus(1, ChronoUnit.HOURS)); // after the period: not billed
        JsonNode created = pending(line("API calls", from, to, to, "{\"featureKey\":\"api_calls\",\"price\":" + GRADUATED + "}"));
        assertTrue(created.get("isInvoiceNew").asBoolean());
        JsonNode apiCalls = created.get("lines").get(0);
        assertEquals("1500", apiCalls.get("meteredQuantity").asText());
        assertEquals("125.00", apiCalls.get("totals").get("total").asText(), "1000 × 0.10 + 500 × 0.05");
        assertEquals(2, apiCalls.get("children").size(), "one detailed line per tier");
        assertEquals("API calls: usage price for tier 1", apiCalls.get("children").get(0).get("name").asText());
        JsonNode gathering = created.get("invoice");
        assertEquals("gathering", gathering.get("status").asText());
        assertTrue(gathering.get("statusDetails").get("availableActions").has("invoice"));

        JsonNode second = pending(line("Setup", from, to, from, "{\"price\":{\"type\":\"flat\",\"amount\":\"250\",\"paymentTerm\":\"in_advance\"}}"));
        assertFalse(second.get("isInvoiceNew").asBoolean());
        assertEquals(gathering.get("id"), second.get("invoice").get("id"), "one gathering invoice per customer and currency");
        assertEquals("375.00", second.get("invoice").get("totals").get("total").asText());

        JsonNode invoice = invoiceNow("");
        assertEquals("paid", invoice.get("status").asText(), "the sandbox collects at once: " + invoice);
        assertEquals("INV-ACME-1", invoice.get("number").asText());
        assertEquals("375.00", invoice.get("totals").get("total").asText());
        assertEquals("375.00", invoice.get("totals").get("amount").asText());
        assertTrue(invoice.has("issuedAt") && invoice.has("dueAt") && invoice.has("sentToCustomerAt"));
        assertTrue(invoice.get("statusDetails").get("immutable").asBoolean());
        assertEquals(0, invoice.get("statusDetails").get("availableActions").size(), "paid is final");
        String id = invoice.get("id").asText();
        assertEquals(List.of("created draft.created", "draft.waiting_for_collection", "draft.collecting", "draft.validating", "draft.syncing",
                "draft.waiting_auto_approval", "draft.ready_to_issue", "issuing.syncing", "issued", "payment_processing.pending", "paid"),
                events(id), "one invoice.created and one invoice.updated per transition, in order");
        http.get("/api/v1/billing/invoices/" + gathering.get("id").asText(), auth()).expect(404).conformsTo(OPENMETER);

        JsonNode read = get("/api/v1/billing/invoices/" + id);
        assertEquals(invoice.get("totals"), read.get("totals"));
        assertEquals(2, read.get("lines").size(), "lines are shown by default");
        assertFalse(get("/api/v1/billing/invoices/" + id + "?expand=preceding").has("lines"));
        assertEquals(1, get("/api/v1/billing/invoices?statuses=paid").get("totalCount").asInt());
        assertEquals(0, get("/api/v1/billing/invoices?statuses=draft&statuses=issued").get("totalCount").asInt());
        JsonNode listed = get("/api/v1/billing/invoices?expand=lines&customers=" + customerId + "&orderBy=issuedAt&order=DESC");
        assertEquals(2, listed.get("items").get(0).get("lines").size());
        assertFalse(get("/api/v1/billing/invoices").get("items").get(0).has("lines"), "listings show lines only when expanded");

        JsonNode refused = http.post("/api/v1/billing/invoices/" + id + "/approve", "", auth()).expect(400).conformsTo(OPENMETER).json();
        assertTrue(refused.toString().contains("invoice_action_not_available"), refused.toString());
        http.delete("/api/v1/billing/invoices/" + id, auth()).expect(400).conformsTo(OPENMETER);
        http.put("/api/v1/billing/invoices/" + id, "{\"supplier\":{},\"customer\":{},\"lines\":[],\"workflow\":{\"workflow\":{"
                + "\"invoicing\":{},\"payment\":{}}}}", auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", auth()).expect(400).conformsTo(OPENMETER);
    }

    @Test
    void simulationPricesGivenQuantitiesWithDiscountsAndStoresNothing() {
        String body = """
                {"currency":"USD","lines":[
                  {"name":"Requests","period":{"from":"%s","to":"%s"},"invoiceAt":"%s","quantity":"10",
                   "rateCard":{"featureKey":"api_calls","price":{"type":"unit","amount":"0.5"},"discounts":{"percentage":{"percentage":10}}}},
                  {"name":"Packs","period":{"from":"%1$s","to":"%2$s"},"invoiceAt":"%3$s","quantity":"98",
                   "rateCard":{"featureKey":"api_calls","price":{"type":"package","amount":"10","quantityPerPackage":"20"}}}]}"""
                .formatted(now.minus(1, ChronoUnit.DAYS), now, now);
        JsonNode simulated = post("/api/v1/billing/customers/" + customerId + "/invoices/simulate", body, 200);
        assertEquals("5.00", simulated.get("lines").get(0).get("totals").get("amount").asText());
        assertEquals("0.50", simulated.get("lines").get(0).get("totals").get("discountsTotal").asText());
        assertEquals("50.00", simulated.get("lines").get(1).get("totals").get("total").asText(), "98 units in packs of 20: 5 packs");
        assertEquals("54.50", simulated.get("totals").get("total").asText());
        assertEquals(0, get("/api/v1/billing/invoices").get("totalCount").asInt(), "a simulation stores nothing");

        JsonNode bad = http.post("/api/v1/billing/customers/" + customerId + "/invoices/simulate", """
                {"currency":"USD","lines":[{"name":"x","period":{"from":"%s","to":"%s"},"invoiceAt":"%s","quantity":"-1",
                 "rateCard":{"price":{"type":"tiered","mode":"volume","tiers":[{"upToAmount":"5","unitPrice":{"type":"unit","amount":"1"}}]}}}]}"""
                .formatted(now, now.plusSeconds(60), now), auth()).expect(400).conformsTo(OPENMETER).json();
        assertTrue(bad.toString().contains("quantity") && bad.toString().contains("tiers"), "every problem at once: " + bad);
        http.post("/api/v1/billing/customers/" + UNKNOWN + "/invoices/simulate", body, auth()).expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/billing/customers/" + UNKNOWN + "/invoices/pending-lines", "{\"currency\":\"USD\",\"lines\":[]}", auth())
                .expect(404).conformsTo(OPENMETER);
    }

    @Test
    void manualApprovalEditsAndVoidWithRebilling() {
        manualApproval();
        Instant from = now.minus(3, ChronoUnit.DAYS);
        Instant to = now.minus(2, ChronoUnit.DAYS);
        pending(line("Seats", from, to, from, "{\"price\":{\"type\":\"flat\",\"amount\":\"40\",\"paymentTerm\":\"in_advance\"}}"));
        JsonNode draft = invoiceNow("");
        assertEquals("draft.manual_approval_needed", draft.get("statusDetails").get("extendedStatus").asText(), draft.toString());
        assertEquals("payment_processing.pending",
                draft.get("statusDetails").get("availableActions").get("approve").get("resultingState").asText());
        // Taken from the series when the draft was stored: digits, never the reservation it was made with.
        assertTrue(draft.get("number").asText().matches("DRAFT-ACME-\\d+"), draft.get("number").asText());
        assertFalse(draft.has("dueAt"), "without auto-advance the due date follows the issue date");
        String id = draft.get("id").asText();

        // An edit: a second line, and a sandbox instruction to leave the payment uncollectible.
        JsonNode seats = draft.get("lines").get(0);
        String update = """
                {"description":"March","metadata":{"openmeter.io/sandbox/target-payment-status":"uncollectible"},
                 "supplier":{"name":"Tollgate Demo"},"customer":{"name":"Acme Inc"},
                 "lines":[{"id":"%s","name":"Seats","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                           "rateCard":{"price":{"type":"flat","amount":"40","paymentTerm":"in_advance"}}},
                          {"name":"Support","period":{"from":"%2$s","to":"%3$s"},"invoiceAt":"%4$s",
                           "rateCard":{"price":{"type":"flat","amount":"9.99","paymentTerm":"in_advance"}}}],
                 "workflow":{"workflow":{"invoicing":{"autoAdvance":false,"dueAfter":"P7D"},"payment":{"collectionMethod":"send_invoice"}}}}"""
                .formatted(seats.get("id").asText(), from, to, from);
        JsonNode edited = http.put("/api/v1/billing/invoices/" + id, update, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("49.99", edited.get("totals").get("total").asText());
        assertEquals(seats.get("id"), edited.get("lines").get(0).get("id"), "a listed line keeps its id");
        assertEquals("Acme Inc", edited.get("customer").get("name").asText());
        assertEquals("acme", edited.get("customer").get("key").asText(), "the customer's identity is not editable");
        assertEquals("draft.manual_approval_needed", edited.get("statusDetails").get("extendedStatus").asText());

        JsonNode recalculated = post("/api/v1/billing/invoices/" + id + "/taxes/recalculate", "", 200);
        assertEquals("49.99", recalculated.get("totals").get("total").asText(), "no tax app: taxes stay zero");
        assertEquals("0.00", recalculated.get("totals").get("taxesTotal").asText());
        JsonNode approved = post("/api/v1/billing/invoices/" + id + "/approve", "", 200);
        assertEquals("uncollectible", approved.get("status").asText(), approved.toString());
        assertTrue(approved.get("statusDetails").get("availableActions").has("void"));
        Instant issued = Instant.parse(approved.get("issuedAt").asText());
        assertEquals(issued.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Instant.parse(approved.get("dueAt").asText()));

        http.post("/api/v1/billing/invoices/" + id + "/void", "{\"reason\":\"typo\",\"action\":{\"percentage\":50,\"action\":{\"type\":\"pending\"}}}",
                auth()).expect(400).conformsTo(OPENMETER);
        JsonNode voided = post("/api/v1/billing/invoices/" + id + "/void", """
                {"reason":"wrong seats","action":{"percentage":100,"action":{"type":"pending","nextInvoiceAt":"%s"}},
                 "overrides":[{"lineId":"%s","action":{"percentage":0,"action":{"type":"discard"}}}]}"""
                .formatted(now, edited.get("lines").get(1).get("id").asText()), 200);
        assertEquals("voided", voided.get("status").asText());
        assertEquals("49.99", voided.get("totals").get("total").asText(), "void never changes an issued invoice's money");
        JsonNode gathering = get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items").get(0);
        assertEquals(1, gathering.get("lines").size(), "the seats line is billed again, support was discarded");
        assertEquals("40.00", gathering.get("totals").get("total").asText());
    }

    @Test
    void collectionWaitsUntilSnapshottedAndProgressiveBillingSplitsARunningPeriod() {
        manualApproval();
        Instant from = now.minus(2, ChronoUnit.HOURS);
        calls(30, now.minus(90, ChronoUnit.MINUTES));
        pending(line("Recent calls", from, now, now, "{\"featureKey\":\"api_calls\",\"price\":{\"type\":\"unit\",\"amount\":\"0.01\"}}"));
        JsonNode waiting = invoiceNow("");
        assertEquals("draft.waiting_for_collection", waiting.get("statusDetails").get("extendedStatus").asText(), waiting.toString());
        assertEquals(now.plus(1, ChronoUnit.HOURS), Instant.parse(waiting.get("collectionAt").asText()), "PT1H after the usage line's invoiceAt");
        String id = waiting.get("id").asText();
        calls(20, now.minus(30, ChronoUnit.MINUTES)); // late events, still inside the line's period
        JsonNode collected = post("/api/v1/billing/invoices/" + id + "/snapshot-quantities", "", 200);
        assertEquals("draft.manual_approval_needed", collected.get("statusDetails").get("extendedStatus").asText());
        assertEquals("50", collected.get("lines").get(0).get("meteredQuantity").asText());
        assertEquals("0.50", collected.get("totals").get("total").asText());
        assertTrue(collected.has("quantitySnapshotedAt"));

        // A month still running: progressive billing invoices what it has used so far and keeps the rest pending.
        Instant monthStart = now.minus(10, ChronoUnit.DAYS);
        Instant monthEnd = now.plus(20, ChronoUnit.DAYS);
        calls(40, now.minus(5, ChronoUnit.DAYS));
        pending(line("Monthly calls", monthStart, monthEnd, monthEnd, "{\"featureKey\":\"api_calls\",\"price\":{\"type\":\"unit\",\"amount\":\"1\"},"
                + "\"discounts\":{\"usage\":{\"quantity\":\"30\"}}}"));
        JsonNode early = invoiceNow(",\"asOf\":\"" + now + "\"");
        JsonNode part = early.get("lines").get(0);
        assertEquals(now.toString(), part.get("period").get("to").asText());
        assertEquals("90", part.get("meteredQuantity").asText(), "every call of the month so far");
        assertEquals("60", part.get("quantity").asText(), "the first 30 are free");
        assertEquals("60.00", part.get("totals").get("total").asText());
        JsonNode rest = get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items").get(0).get("lines").get(0);
        assertEquals(now.toString(), rest.get("period").get("from").asText());
        assertEquals(monthEnd.toString(), rest.get("period").get("to").asText());
    }

    @Test
    void theWorkerInvoicesDueLinesAndAdvancesWaitingInvoicesOnlyOnceUnderRaces() throws Exception {
        Instant from = now.minus(2, ChronoUnit.DAYS);
        pending(line("Fee", from, now.minus(1, ChronoUnit.DAYS), from, "{\"price\":{\"type\":\"flat\",\"amount\":\"12.34\"}}"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> invoicing.invoiceDueLines(Instant.now(), 100));
            }
            int made = 0;
            for (Future<Integer> f : pool.invokeAll(racers)) {
                made += f.get();
            }
            assertTrue(made >= 1, "some worker invoiced the due line");
        } finally {
            pool.shutdown();
        }
        JsonNode invoices = get("/api/v1/billing/invoices");
        assertEquals(1, invoices.get("totalCount").asInt(), "one invoice however many workers raced: " + invoices);
        assertEquals("paid", invoices.get("items").get(0).get("status").asText());
        assertEquals("12.34", invoices.get("items").get(0).get("totals").get("total").asText());
        assertEquals(0, changes.advanceWaiting(Instant.now(), 100), "nothing else waits on the clock in this namespace");
    }

    @Test
    void aCustomInvoicingAppHoldsTheInvoiceUntilItsSystemReportsBack() {
        JsonNode installed = post("/api/v1/marketplace/listings/custom_invoicing/install", "{\"name\":\"ERP\"}", 200);
        String appId = installed.get("app").get("id").asText();
        http.put("/api/v1/apps/" + appId, "{\"type\":\"custom_invoicing\",\"name\":\"ERP\",\"enableDraftSyncHook\":true,"
                + "\"enableIssuingSyncHook\":true}", auth()).expect(200).conformsTo(OPENMETER);
        Instant from = now.minus(2, ChronoUnit.DAYS);
        pending(line("Fee", from, now.minus(1, ChronoUnit.DAYS), from, "{\"price\":{\"type\":\"flat\",\"amount\":\"100\"}}"));
        JsonNode syncing = invoiceNow("");
        assertEquals("draft.syncing", syncing.get("statusDetails").get("extendedStatus").asText(), syncing.toString());
        String id = syncing.get("id").asText();
        http.post("/api/v1/apps/custom-invoicing/" + id + "/issuing/synchronized", "{}", auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/apps/custom-invoicing/" + id + "/draft/synchronized", "{\"invoicing\":{\"externalId\":\"erp-7\"}}", auth())
                .expect(204).conformsTo(OPENMETER);
        JsonNode issuing = get("/api/v1/billing/invoices/" + id);
        assertEquals("issuing.syncing", issuing.get("statusDetails").get("extendedStatus").asText(), issuing.toString());
        assertEquals("erp-7", issuing.get("externalIds").get("invoicing").asText());
        http.post("/api/v1/apps/custom-invoicing/" + id + "/issuing/synchronized", "{\"invoicing\":{\"invoiceNumber\":\"ERP-2026-7\"},"
                + "\"payment\":{\"externalId\":\"pay-7\"}}", auth()).expect(204).conformsTo(OPENMETER);
        JsonNode pendingPayment = get("/api/v1/billing/invoices/" + id);
        assertEquals("payment_processing.pending", pendingPayment.get("statusDetails").get("extendedStatus").asText());
        assertEquals("ERP-2026-7", pendingPayment.get("number").asText());
        http.post("/api/v1/apps/custom-invoicing/" + id + "/payment/status", "{\"trigger\":\"sent\"}", auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/apps/custom-invoicing/" + id + "/payment/status", "{\"trigger\":\"paid\"}", auth()).expect(204).conformsTo(OPENMETER);
        assertEquals("paid", get("/api/v1/billing/invoices/" + id).get("status").asText());
        assertNotEquals(null, installed.get("defaultForCapabilityTypes"));
    }

    @Test
    void anEmptiedDraftFailsValidationUntilRetriedAndADraftCanBeDeleted() throws InterruptedException {
        manualApproval();
        Instant from = now.minus(3, ChronoUnit.DAYS);
        String fee = "{\"price\":{\"type\":\"flat\",\"amount\":\"5\"}}";
        pending(line("Fee", from, now.minus(2, ChronoUnit.DAYS), from, fee));
        JsonNode draft = invoiceNow("");
        String id = draft.get("id").asText();
        String empty = """
                {"supplier":{"name":"Tollgate Demo"},"customer":{"name":"Acme"},"lines":[],
                 "workflow":{"workflow":{"invoicing":{"autoAdvance":false},"payment":{"collectionMethod":"charge_automatically"}}}}""";
        JsonNode invalid = http.put("/api/v1/billing/invoices/" + id, empty, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("draft.invalid", invalid.get("statusDetails").get("extendedStatus").asText(), invalid.toString());
        assertEquals("invoice_empty", invalid.get("validationIssues").get(0).get("code").asText());
        assertTrue(invalid.get("statusDetails").get("availableActions").has("retry"));
        JsonNode retried = post("/api/v1/billing/invoices/" + id + "/retry", "", 200);
        assertEquals("draft.invalid", retried.get("statusDetails").get("extendedStatus").asText(), "still nothing to bill");
        http.delete("/api/v1/billing/invoices/" + id, auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/billing/invoices/" + id, auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(1, get("/api/v1/billing/invoices?includeDeleted=true").get("totalCount").asInt());

        // A draft whose collection time comes while nobody runs the worker: advance moves it on by hand.
        calls(3, now.minus(2, ChronoUnit.HOURS));
        Instant invoiceAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS).plusSeconds(2);
        pending(line("Calls", invoiceAt.minus(1, ChronoUnit.DAYS), invoiceAt, invoiceAt,
                "{\"featureKey\":\"api_calls\",\"price\":{\"type\":\"unit\",\"amount\":\"2\"}}"));
        JsonNode waiting = invoiceNow("");
        assertEquals("draft.waiting_for_collection", waiting.get("statusDetails").get("extendedStatus").asText(), waiting.toString());
        assertFalse(waiting.get("statusDetails").get("availableActions").has("advance"), "collection is not due yet");
        String waitingId = waiting.get("id").asText();
        JsonNode advanced = null;
        for (int attempt = 0; attempt < 40 && advanced == null; attempt++) {
            Thread.sleep(250);
            var answer = http.post("/api/v1/billing/invoices/" + waitingId + "/advance", "", auth()).conformsTo(OPENMETER);
            if (answer.status() == 200) {
                advanced = answer.json();
            } else {
                assertEquals(400, answer.status(), answer.body());
            }
        }
        assertTrue(advanced != null, "advance became available once collectionAt passed");
        assertEquals("draft.manual_approval_needed", advanced.get("statusDetails").get("extendedStatus").asText());
        assertEquals("6.00", advanced.get("totals").get("total").asText());
    }

    @Test
    void aSubscriptionBillsItsFeeUpFrontItsUsageAsItGoesAndStopsAtItsCancelation() throws InterruptedException {
        http.post("/api/v1/plans", """
                {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
                 "rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}},
                  {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                   "price":{"type":"unit","amount":"0.01"}}]}]}""", auth()).expect(201);
        String planId = get("/api/v1/plans/pro?includeLatest=true").get("id").asText();
        http.post("/api/v1/plans/" + planId + "/publish", "", auth()).expect(200);
        JsonNode subscription = http.post("/api/v1/subscriptions", "{\"customerId\":\"" + customerId + "\",\"plan\":{\"key\":\"pro\"}}",
                auth()).expect(201).json();
        Instant start = Instant.parse(subscription.get("activeFrom").asText()).truncatedTo(ChronoUnit.SECONDS);

        JsonNode gathering = get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items").get(0);
        assertEquals(2, gathering.get("lines").size(), gathering.toString());
        JsonNode fee = gathering.get("lines").get(0);
        assertEquals("subscription", fee.get("managedBy").asText());
        assertEquals(subscription.get("id"), fee.get("subscription").get("subscription").get("id"));
        assertEquals(start, Instant.parse(fee.get("invoiceAt").asText()), "a fee paid in advance is due at the period's start");

        calls(250, start); // the line's period starts at the subscription's start, to the second
        while (Instant.now().isBefore(start.plusSeconds(2))) {
            Thread.sleep(100); // progressive billing splits at whole seconds: let one pass
        }
        JsonNode draft = invoiceNow("");
        assertEquals("draft.waiting_for_collection", draft.get("statusDetails").get("extendedStatus").asText(),
                "usage billed up to now waits an hour for late events: " + draft);
        assertEquals("102.50", draft.get("totals").get("total").asText(), "the fee, and 250 calls so far billed progressively");
        JsonNode invoice = post("/api/v1/billing/invoices/" + draft.get("id").asText() + "/snapshot-quantities", "", 200);
        assertEquals("paid", invoice.get("status").asText(), invoice.toString());
        assertEquals("102.50", invoice.get("totals").get("total").asText());

        http.post("/api/v1/subscriptions/" + subscription.get("id").asText() + "/cancel", "{}", auth()).expect(200).conformsTo(OPENMETER);
        calls(3, Instant.now().plusSeconds(5)); // after the cancelation: never billed
        JsonNode rest = get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items");
        if (rest.size() > 0) {
            for (JsonNode line : rest.get(0).get("lines")) {
                assertTrue(Instant.parse(line.get("period").get("to").asText()).isBefore(Instant.now().plusSeconds(1)),
                        "nothing pending runs past the cancelation: " + line);
                assertEquals("0.00", line.get("totals").get("total").asText());
            }
        }
    }

    @Test
    void unknownInvoicesAreNotFoundForEveryOperation() {
        String base = "/api/v1/billing/invoices/" + UNKNOWN;
        http.get(base, auth()).expect(404).conformsTo(OPENMETER);
        http.put(base, "{\"supplier\":{},\"customer\":{},\"lines\":[],\"workflow\":{\"workflow\":{\"invoicing\":{},\"payment\":{}}}}", auth())
                .expect(404).conformsTo(OPENMETER);
        http.delete(base, auth()).expect(404).conformsTo(OPENMETER);
        for (String action : List.of("advance", "approve", "retry", "snapshot-quantities", "taxes/recalculate")) {
            http.post(base + "/" + action, "", auth()).expect(404).conformsTo(OPENMETER);
        }
        http.post(base + "/void", "{\"reason\":\"x\",\"action\":{\"percentage\":0,\"action\":{\"type\":\"discard\"}}}", auth())
                .expect(404).conformsTo(OPENMETER);
        String apps = "/api/v1/apps/custom-invoicing/" + UNKNOWN;
        http.post(apps + "/draft/synchronized", "{}", auth()).expect(404).conformsTo(OPENMETER);
        http.post(apps + "/issuing/synchronized", "{}", auth()).expect(404).conformsTo(OPENMETER);
        http.post(apps + "/payment/status", "{\"trigger\":\"paid\"}", auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/billing/invoices/not-a-ulid", auth()).expect(404).conformsTo(OPENMETER);
    }
}
