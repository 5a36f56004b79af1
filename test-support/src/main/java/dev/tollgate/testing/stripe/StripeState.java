package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the fake remembers, guarded by one lock: the router holds it for a whole request and every test
 * control takes it, so each request sees and leaves a consistent state. Webhook delivery happens outside it.
 */
final class StripeState {
    final Object lock = new Object();
    final Clock clock;
    final String baseUrl;
    /** The account the secret key belongs to (the Connect platform's). */
    final String accountId = Ids.next("acct_");
    /** Accounts connected to the platform through Connect OAuth ({@link ConnectOAuth}), by id. */
    final Map<String, ObjectNode> connectedAccounts = new LinkedHashMap<>();
    final ObjectStore customers = new ObjectStore("customer", "customer", this::scope, this::platformAccount);
    final ObjectStore paymentMethods = new ObjectStore("payment_method", "PaymentMethod", this::scope, this::platformAccount);
    final ObjectStore setupIntents = new ObjectStore("setup_intent", "setupintent", this::scope, this::platformAccount);
    final ObjectStore checkoutSessions = new ObjectStore("checkout.session", "checkout.session", this::scope, this::platformAccount);
    final ObjectStore invoiceItems = new ObjectStore("invoiceitem", "invoiceitem", this::scope, this::platformAccount);
    final ObjectStore invoices = new ObjectStore("invoice", "invoice", this::scope, this::platformAccount);
    final ObjectStore portalSessions = new ObjectStore("billing_portal.session", "billing_portal.session", this::scope, this::platformAccount);
    final ObjectStore webhookEndpoints = new ObjectStore("webhook_endpoint", "webhook endpoint", this::scope, this::platformAccount);
    final ObjectStore events = new ObjectStore("event", "event", this::scope, this::platformAccount);
    /** Customers whose next payment attempt is declined (a test control). */
    final Set<String> failNextPayment = new HashSet<>();
    /** Requests a test asked to fail ({@link FakeStripe#failRequests}). */
    final InjectedFailures failures = new InjectedFailures();
    /** Drift controls (see {@link DriftControls}): events recorded but never delivered; the API unreachable. */
    volatile boolean webhooksLost;
    volatile boolean outage;
    private final WebhookSender webhooks;
    /** The request being handled (under the lock), for events' {@code request} field; null for test controls. */
    private String requestId;
    private String idempotencyKey;
    /** The account the request acts for (its {@code Stripe-Account}, else the platform's); null for test controls. */
    private String scope;

    StripeState(Clock clock, String baseUrl, WebhookSender webhooks) {
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.webhooks = webhooks;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    void handling(String requestId, String idempotencyKey) {
        this.requestId = requestId;
        this.idempotencyKey = idempotencyKey;
    }

    String scope() {
        return scope;
    }

    String platformAccount() {
        return accountId;
    }

    /** Acts for {@code account} (null: every account, as a test control) until set again. */
    void actFor(String account) {
        this.scope = account;
    }

    /** The owner of any stored object by id, whatever the scope (null if unknown). */
    String ownerOf(String id) {
        for (ObjectStore store : stores().values()) {
            String owner = store.owner(id);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    Map<String, ObjectStore> stores() {
        Map<String, ObjectStore> all = new LinkedHashMap<>();
        for (ObjectStore store : new ObjectStore[] {customers, paymentMethods, setupIntents, checkoutSessions,
                invoiceItems, invoices, portalSessions, webhookEndpoints, events}) {
            all.put(store.object, store);
        }
        return all;
    }

    /** Any stored object by its id (for {@code expand[]}). */
    ObjectNode anyById(String id) {
        for (ObjectStore store : stores().values()) {
            ObjectNode found = store.find(id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Records an event about {@code object} (a snapshot) and sends it to every endpoint that subscribed to it. */
    ObjectNode emit(String type, ObjectNode object) {
        return emit(type, object, null);
    }

    ObjectNode emit(String type, ObjectNode object, ObjectNode previous) {
        // An event belongs to the account of its object; a connected account's carries its id ("account"), as Connect's do.
        String owner = scope != null ? scope : java.util.Objects.requireNonNullElse(ownerOf(object.path("id").asText(null)), accountId);
        ObjectNode event = Json.resource(Ids.next("evt_"), "event", now());
        if (!owner.equals(accountId)) {
            event.put("account", owner);
        }
        event.put("api_version", FakeStripe.API_VERSION);
        ObjectNode data = event.putObject("data");
        data.set("object", object.deepCopy());
        if (previous != null && !previous.isEmpty()) {
            data.set("previous_attributes", previous);
        }
        ObjectNode request = event.putObject("request");
        request.put("id", requestId);
        request.put("idempotency_key", idempotencyKey);
        event.put("type", type);
        java.util.List<ObjectNode> endpoints = webhookEndpoints.listOwnedBy(owner, e -> subscribes(e, type));
        java.util.Collections.reverse(endpoints);
        event.put("pending_webhooks", endpoints.size());
        String outer = scope;
        scope = owner;
        try {
            events.put(event);
        } finally {
            scope = outer;
        }
        String payload = Json.write(event);
        for (ObjectNode endpoint : webhooksLost ? java.util.List.<ObjectNode>of() : endpoints) {
            webhooks.send(event.get("id").asText(), type, endpoint.get("id").asText(), endpoint.get("url").asText(),
                    endpoint.get("secret").asText(), payload);
        }
        return event;
    }

    private static boolean subscribes(ObjectNode endpoint, String type) {
        if (!"enabled".equals(endpoint.path("status").asText())) {
            return false;
        }
        for (JsonNode enabled : endpoint.path("enabled_events")) {
            if (enabled.asText().equals("*") || enabled.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The top-level fields of {@code before} that {@code after} changed, as Stripe's previous_attributes. */
    static ObjectNode changes(ObjectNode before, ObjectNode after) {
        ObjectNode previous = Json.object();
        Iterator<String> names = after.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode old = before.get(name);
            if (old == null || !old.equals(after.get(name))) {
                previous.set(name, old == null ? Json.MAPPER.nullNode() : old.deepCopy());
            }
        }
        return previous;
    }
}
