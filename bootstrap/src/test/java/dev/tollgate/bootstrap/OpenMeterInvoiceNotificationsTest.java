package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's {@code invoice.created} / {@code invoice.updated} notifications (ADR 0049), triggered by billing's
 * {@code InvoiceChanged} through the outbox: real invoices, real HTTP, a loopback receiver, every answer and every
 * delivered payload checked against openmeter.yaml.
 */
@MicronautTest(transactional = false)
class OpenMeterInvoiceNotificationsTest extends HttpTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONSUMER = "webhooks-invoice-notifications";
    static final String SECRET = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
    final WebhookSink sink = new WebhookSink();
    final WebhookSink strangersSink = new WebhookSink();
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        properties.put("tollgate.outbox.poll-interval", "100ms");
        return properties;
    }

    @AfterAll
    void stopSinks() {
        sink.close();
        strangersSink.close();
    }

    /** A namespace with a customer billed by hand (manual approval), a channel to {@code to} and the rules asked for. */
    record Namespace(String[] auth, String customerId, String channel) {
    }

    Namespace namespace(String name, WebhookSink to) {
        String[] auth = Accounts.signUp(http, name).auth();
        String customerId = http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}",
                auth).expect(201).json().get("id").asText();
        JsonNode profile = http.get("/api/v1/billing/profiles", auth).expect(200).json().get("items").get(0);
        http.put("/api/v1/billing/profiles/" + profile.get("id").asText(), """
                {"name":"%s","default":true,"supplier":{"name":"Tollgate Demo"},
                 "workflow":{"invoicing":{"autoAdvance":false,"dueAfter":"P14D"}}}""".formatted(profile.get("name").asText()), auth)
                .expect(200);
        String channel = http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"invoices","url":"%s","signingSecret":"%s"}""".formatted(to.url(), SECRET), auth)
                .expect(201).conformsTo(OPENMETER).json().get("id").asText();
        return new Namespace(auth, customerId, channel);
    }

    String rule(Namespace ns, String type, boolean disabled) {
        return http.post("/api/v1/notification/rules", """
                {"type":"%s","name":"%s","channels":["%s"],"disabled":%s}""".formatted(type, type, ns.channel(), disabled), ns.auth())
                .expect(201).conformsTo(OPENMETER).json().get("id").asText();
    }

    /** A flat fee invoiced now: the draft waits for approval (draft.manual_approval_needed). */
    JsonNode draftInvoice(Namespace ns) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        Instant from = to.minus(1, ChronoUnit.DAYS);
        http.post("/api/v1/billing/customers/" + ns.customerId() + "/invoices/pending-lines", """
                {"currency":"USD","lines":[{"name":"Seats","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                  "rateCard":{"price":{"type":"flat","amount":"40","paymentTerm":"in_advance"}}}]}""".formatted(from, to, from), ns.auth())
                .expect(201);
        JsonNode made = http.post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + ns.customerId() + "\"}", ns.auth())
                .expect(201).conformsTo(OPENMETER).json();
        assertEquals(1, made.size(), made.toString());
        assertEquals("draft.manual_approval_needed", made.get(0).at("/statusDetails/extendedStatus").asText(), made.toString());
        return made.get(0);
    }

    JsonNode events(Namespace ns, String rule) {
        return http.get("/api/v1/notification/events?rule=" + rule + "&orderBy=createdAt&order=ASC", ns.auth()).expect(200)
                .conformsTo(OPENMETER).json();
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        PhpTenantWebhooksContractTest.await(what, condition);
    }

    /** A received delivery: signed with the channel's secret, its body a payload of {@code type} as the document says. */
    static JsonNode payload(WebhookSink.Received got, String type) throws Exception {
        assertDoesNotThrow(() -> new com.standardwebhooks.Webhook(SECRET).verify(got.body(), got.headers()));
        JsonNode body = MAPPER.readTree(got.body());
        assertEquals(type, body.get("type").asText(), got.body());
        assertEquals(got.header("webhook-id"), body.get("id").asText(), "webhook-id is the event's id");
        ApiContract.assertMatchesSchema(OPENMETER, type.equals("invoice.created") ? "NotificationEventInvoiceCreatedPayload"
                : "NotificationEventInvoiceUpdatedPayload", got.body());
        return body;
    }

    @Test
    void createdAndUpdatedInvoicesAreSentToTheirRulesChannelsAsOpenMeterShowsThem() throws Exception {
        Namespace ns = namespace("InvoiceNotifications", sink);
        String created = rule(ns, "invoice.created", false);
        String updated = rule(ns, "invoice.updated", false);
        String disabled = rule(ns, "invoice.created", true);
        // a rule whose only channel is switched off: nothing to send it to
        String off = http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"off","url":"%s"}""".formatted(sink.url()), ns.auth()).expect(201).json().get("id").asText();
        String silenced = http.post("/api/v1/notification/rules", """
                {"type":"invoice.created","name":"silenced","channels":["%s"]}""".formatted(off), ns.auth()).expect(201).json()
                .get("id").asText();
        http.put("/api/v1/notification/channels/" + off, """
                {"type":"WEBHOOK","name":"off","url":"%s","disabled":true}""".formatted(sink.url()), ns.auth()).expect(200);
        // another namespace's rule: its invoices are not ours
        Namespace stranger = namespace("InvoiceStranger", strangersSink);
        String strangersRule = rule(stranger, "invoice.created", false);

        JsonNode draft = draftInvoice(ns);
        String id = draft.get("id").asText();
        // invoice.created, and one invoice.updated: the draft passed several states in one go, and each update would
        // carry the same document (the invoice as it is now), so only the one announcing its current state is sent
        await("invoice.created and invoice.updated", () -> sink.received.size() >= 2);
        JsonNode shown = http.get("/api/v1/billing/invoices/" + id, ns.auth()).expect(200).conformsTo(OPENMETER).json();
        Map<String, JsonNode> byType = new HashMap<>();
        for (WebhookSink.Received got : sink.received) {
            JsonNode body = payload(got, MAPPER.readTree(got.body()).get("type").asText());
            byType.put(body.get("type").asText(), body);
        }
        assertEquals(2, byType.size(), "one of each type: " + sink.received);
        for (JsonNode body : byType.values()) {
            assertEquals(id, body.at("/data/id").asText());
            assertEquals("draft", body.at("/data/status").asText());
            assertEquals("draft.manual_approval_needed", body.at("/data/statusDetails/extendedStatus").asText());
            assertEquals(shown, body.get("data"), "the data is the invoice exactly as getInvoice shows it, lines included");
        }
        assertEquals(1, shown.get("lines").size());

        JsonNode createdEvents = events(ns, created);
        assertEquals(1, createdEvents.get("totalCount").asInt(), createdEvents.toString());
        JsonNode event = createdEvents.at("/items/0");
        assertEquals("invoice.created", event.get("type").asText());
        assertEquals(created, event.at("/rule/id").asText());
        assertEquals(byType.get("invoice.created"), event.get("payload"), "the event shows the payload sent");
        http.get("/api/v1/notification/events/" + event.get("id").asText(), ns.auth()).expect(200).conformsTo(OPENMETER);
        assertEquals(1, events(ns, updated).get("totalCount").asInt());
        assertEquals("invoice.updated", events(ns, updated).at("/items/0/type").asText());

        // approved: it moves on to its final state; one invoice.updated tells so, invoice.created is not sent again
        JsonNode approved = http.post("/api/v1/billing/invoices/" + id + "/approve", "", ns.auth()).expect(200).conformsTo(OPENMETER).json();
        await("the approval's invoice.updated", () -> sink.received.size() >= 3);
        JsonNode last = payload(sink.received.get(2), "invoice.updated");
        assertEquals(id, last.at("/data/id").asText());
        assertEquals(approved.get("status").asText(), last.at("/data/status").asText());
        assertEquals(approved.at("/statusDetails/extendedStatus").asText(), last.at("/data/statusDetails/extendedStatus").asText());
        JsonNode updates = events(ns, updated);
        assertEquals(2, updates.get("totalCount").asInt(), updates.toString());
        assertEquals(approved.get("status").asText(), updates.at("/items/1/payload/data/status").asText());
        assertEquals(1, events(ns, created).get("totalCount").asInt());

        // the disabled rule, the rule without a live channel and the other namespace's rule raised nothing
        assertEquals(0, events(ns, disabled).get("totalCount").asInt());
        assertEquals(0, events(ns, silenced).get("totalCount").asInt());
        assertEquals(0, events(stranger, strangersRule).get("totalCount").asInt());
        assertEquals(0, http.get("/api/v1/notification/events", stranger.auth()).expect(200).json().get("totalCount").asInt());
        assertTrue(strangersSink.received.isEmpty(), strangersSink.received.toString());
        Thread.sleep(300); // nothing more is on its way
        assertEquals(3, sink.received.size(), sink.received.toString());

        // the strict schema check itself refuses what the document does not name
        ObjectNode forged = (ObjectNode) last.deepCopy();
        ((ObjectNode) forged.get("data")).put("forged", true);
        assertThrows(AssertionError.class, () -> ApiContract.assertMatchesSchema(OPENMETER, "NotificationEventInvoiceUpdatedPayload",
                forged.toString()));
    }

    @Test
    void aRedeliveredOutboxEventRaisesOnceAndRulesHearOnlyOfLaterChanges() throws Exception {
        try (WebhookSink own = new WebhookSink()) {
            Namespace ns = namespace("InvoiceRedelivery", own);
            String created = rule(ns, "invoice.created", false);
            String updated = rule(ns, "invoice.updated", false);
            String id = draftInvoice(ns).get("id").asText();
            await("the first deliveries", () -> own.received.size() >= 2);
            assertEquals(1, events(ns, created).get("totalCount").asInt());
            assertEquals(1, events(ns, updated).get("totalCount").asInt());
            // a rule created now has not seen the invoice's creation: a replay must not announce it to it
            String late = rule(ns, "invoice.created", false);

            // the relay forgets it handled the invoice's events: it hands every one of them to the consumer again
            int forgotten = forgetDeliveries(id);
            assertTrue(forgotten > 2, "the invoice's events had been handled: " + forgotten);
            await("the redelivery", () -> handled(id) == forgotten);

            assertEquals(1, events(ns, created).get("totalCount").asInt(), "the same outbox event raises once per rule");
            assertEquals(1, events(ns, updated).get("totalCount").asInt());
            assertEquals(0, events(ns, late).get("totalCount").asInt(), "a rule hears of changes after it was made");
            Thread.sleep(300);
            assertEquals(2, own.received.size(), own.received.toString());
        }
    }

    private int forgetDeliveries(String invoiceId) {
        return transactions.executeWrite(status -> {
            try (var statement = status.getConnection().prepareStatement("""
                    DELETE FROM outbox.deliveries WHERE consumer = ?
                      AND event_id IN (SELECT id FROM outbox.events WHERE aggregate = ?)""")) {
                statement.setString(1, CONSUMER);
                statement.setString(2, "invoice:" + invoiceId);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int handled(String invoiceId) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement("""
                    SELECT count(*) FROM outbox.deliveries WHERE consumer = ?
                      AND event_id IN (SELECT id FROM outbox.events WHERE aggregate = ?)""")) {
                statement.setString(1, CONSUMER);
                statement.setString(2, "invoice:" + invoiceId);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
