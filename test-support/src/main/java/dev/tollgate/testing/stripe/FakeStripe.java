package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local, stateful stand-in for Stripe's API that stripe-java can be pointed at
 * ({@code StripeClient.builder().setApiBase(fake.baseUrl())}). It speaks Stripe's wire format (form-encoded
 * parameters with bracket notation, bearer secret key, Idempotency-Key, Stripe's error objects and list objects) for
 * the account, customers, card payment methods, setup intents, Checkout sessions in setup mode, invoice items, invoices, billing
 * portal sessions, webhook endpoints and events, and posts signed events to the registered endpoints. Connect: accounts
 * connected through OAuth ({@code /oauth/authorize}, {@code /oauth/token}) are reached with {@code Stripe-Account}, and
 * each account's objects, events and endpoints are its own. See docs/adr/0037-fake-stripe.md and 0047.
 *
 * <p>The Java methods below and the routes under {@code /_fake/} are the test controls: what a customer or Stripe
 * itself would do (complete a Checkout page, decline a payment, send an event) and what a test asserts on (requests
 * received, objects counted, webhook deliveries).
 */
public final class FakeStripe implements AutoCloseable {
    /** The API version events carry: stripe-java 31.1.0's, so it deserializes their objects. */
    public static final String API_VERSION = "2025-12-15.clover";
    public static final String DEFAULT_SECRET_KEY = "sk_test_tollgate_fake";

    static {
        // The JDK's HTTP server writes a response's headers and body apart; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK (~40 ms on Linux) and every call to the fake took that long (bench/stripe). Read
        // once, when the JDK's server configuration is first loaded: a JVM that started another JDK server before
        // keeps its setting.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String secretKey;
    private final HttpServer server;
    private final ExecutorService executor;
    private final WebhookSender webhooks;
    private final RequestLog requests = new RequestLog();
    private final StripeState state;
    private final CheckoutSessions checkoutSessions;
    private final SetupIntents setupIntents;

    private FakeStripe(Builder builder) {
        this.secretKey = builder.secretKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Stripe on port " + builder.port, e);
        }
        webhooks = new WebhookSender(builder.webhookAttempts, builder.webhookBackoff);
        state = new StripeState(builder.clock, "http://127.0.0.1:" + server.getAddress().getPort(), webhooks);
        PaymentMethods paymentMethods = new PaymentMethods(state);
        setupIntents = new SetupIntents(state, paymentMethods);
        checkoutSessions = new CheckoutSessions(state, setupIntents);
        Invoices invoices = new Invoices(state, new InvoicePayments(state));
        Router stripe = new Router();
        new Accounts(state).routes(stripe);
        ConnectOAuth connect = new ConnectOAuth(state);
        connect.routes(stripe);
        new Customers(state, paymentMethods).routes(stripe);
        paymentMethods.routes(stripe);
        setupIntents.routes(stripe);
        checkoutSessions.routes(stripe);
        new InvoiceItems(state, invoices).routes(stripe);
        invoices.routes(stripe);
        new BillingPortal(state).routes(stripe);
        new WebhookEndpoints(state).routes(stripe);
        new Events(state).routes(stripe);
        Router controls = new Router();
        connect.pages(controls);
        new FakeControls(this, state).routes(controls);
        new DriftControls(state).routes(controls);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-stripe-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", new StripeHttpHandler(secretKey, state, stripe, controls, requests));
        server.start();
    }

    /** A fake on an ephemeral loopback port with {@link #DEFAULT_SECRET_KEY}. */
    public static FakeStripe start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}: what {@code setApiBase} takes. */
    public String baseUrl() {
        return state.baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String secretKey() {
        return secretKey;
    }

    /**
     * Completes a Checkout session in setup mode as a customer saving {@code card} would: a card payment method
     * attached to the session's customer, its setup intent succeeded, the session complete; the events
     * {@code payment_method.attached}, {@code setup_intent.succeeded} and {@code checkout.session.completed}.
     * Returns the session.
     */
    public ObjectNode completeCheckoutSession(String sessionId) {
        return completeCheckoutSession(sessionId, Cards.visa());
    }

    ObjectNode completeCheckoutSession(String sessionId, Cards.Card card) {
        synchronized (state.lock) {
            state.actFor(state.ownerOf(sessionId)); // the card is saved in the session's account
            try {
                return checkoutSessions.complete(sessionId, card).deepCopy();
            } finally {
                state.actFor(null);
            }
        }
    }

    /** Completes a Checkout session with a card that is declined: the session stays open ({@code setup_intent.setup_failed}). */
    public void declineCheckoutSession(String sessionId) {
        synchronized (state.lock) {
            state.actFor(state.ownerOf(sessionId));
            try {
                checkoutSessions.complete(sessionId, Cards.declining());
            } catch (StripeError declined) {
                // the decline is the point
            } finally {
                state.actFor(null);
            }
        }
    }

    /** Completes a setup intent with a new Visa card, as the customer confirming it in the browser would. */
    public ObjectNode completeSetupIntent(String setupIntentId) {
        return completeSetupIntent(setupIntentId, Cards.visa());
    }

    ObjectNode completeSetupIntent(String setupIntentId, Cards.Card card) {
        synchronized (state.lock) {
            ObjectNode intent = state.setupIntents.get(setupIntentId, "intent");
            if (!intent.get("status").asText().startsWith("requires_")) {
                throw StripeError.state("setup_intent_unexpected_state", "This SetupIntent is "
                        + intent.get("status").asText() + ".");
            }
            state.actFor(state.ownerOf(setupIntentId)); // the card is saved in the intent's account
            try {
                setupIntents.succeed(intent, state.paymentMethods.put(Cards.paymentMethod(card, state.now(), null, null)));
            } finally {
                state.actFor(null);
            }
            return intent.deepCopy();
        }
    }

    /** The customer's next payment attempt is declined (402 {@code card_declined}, {@code invoice.payment_failed}). */
    public void failNextPayment(String customerId) {
        synchronized (state.lock) {
            state.customers.get(customerId, "customer");
            state.failNextPayment.add(customerId);
        }
    }

    /**
     * While {@code lost}, events are recorded (and listed by {@code /v1/events}) but delivered to no endpoint: the
     * webhooks a network failure loses, which only a reconciliation repairs.
     */
    public void loseWebhooks(boolean lost) {
        state.webhooksLost = lost;
    }

    /** While {@code down}, every API request is closed without an answer (test controls still work): Stripe unreachable. */
    public void outage(boolean down) {
        state.outage = down;
    }

    /** How a request {@link #failRequests} picked fails. */
    public enum Failure {
        /** Stripe answers 500 {@code api_error} having done nothing; nothing is kept for the request's idempotency key. */
        ERROR,
        /**
         * Stripe does the work (and keeps its answer for the idempotency key), then the connection closes without an
         * answer: a crash or a cut network after Stripe committed. The same key again is replayed.
         */
        ANSWER_LOST
    }

    /**
     * Makes API requests fail, to test what a client does when a call fails midway. Of the requests for {@code method}
     * and {@code path} (exact, or a prefix ending with {@code *}) whose top-level form parameters include every entry of
     * {@code params} (e.g. {@code customer=cus_…}), the first {@code after} are served, the next {@code times} fail as
     * {@code failure}, and later ones are served again. Rules apply in the order added; a request counts for the first
     * it matches. Test controls never fail.
     */
    public void failRequests(String method, String path, Map<String, String> params, int after, int times, Failure failure) {
        synchronized (state.lock) {
            state.failures.add(method, path, params, after, times, failure);
        }
    }

    /** Failures {@link #failRequests} asked for that are still to come. */
    public int pendingFailures() {
        synchronized (state.lock) {
            return state.failures.pending();
        }
    }

    /** Forgets every failure {@link #failRequests} asked for. */
    public void clearFailures() {
        synchronized (state.lock) {
            state.failures.clear();
        }
    }

    /** Sends an event of any type about {@code object} to the subscribed endpoints; returns its id. */
    public String sendEvent(String type, JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("an event is about an object");
        }
        synchronized (state.lock) {
            return state.emit(type, (ObjectNode) object).get("id").asText();
        }
    }

    /** The types of every event so far, oldest first. */
    public List<String> eventTypes() {
        synchronized (state.lock) {
            List<ObjectNode> events = new java.util.ArrayList<>(state.events.list(e -> true));
            java.util.Collections.reverse(events);
            return events.stream().map(e -> e.get("type").asText()).toList();
        }
    }

    /** Every request received so far (test controls included), in order. */
    public List<RecordedRequest> requests() {
        return requests.all();
    }

    /** The requests received so far for {@code method} and {@code path}, e.g. ("POST", "/v1/customers"). */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.all().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Live objects of one type, by Stripe's {@code object} value ({@code customer}, {@code invoice}, …). */
    public int count(String object) {
        synchronized (state.lock) {
            ObjectStore store = state.stores().get(object);
            if (store == null) {
                throw new IllegalArgumentException("the fake keeps no " + object + " objects; it keeps "
                        + state.stores().keySet());
            }
            return store.count();
        }
    }

    /** Live objects of one type in one account: the fake's own ({@link #accountId()}) or a connected one. */
    public int count(String object, String account) {
        synchronized (state.lock) {
            ObjectStore store = state.stores().get(object);
            if (store == null) {
                throw new IllegalArgumentException("the fake keeps no " + object + " objects");
            }
            return store.count(account);
        }
    }

    /** The account the secret key belongs to (the Connect platform's). */
    public String accountId() {
        return state.accountId;
    }

    /** The accounts connected through {@code /oauth/authorize}, oldest first. */
    public List<String> connectedAccounts() {
        synchronized (state.lock) {
            return List.copyOf(state.connectedAccounts.keySet());
        }
    }

    public Map<String, Integer> counts() {
        synchronized (state.lock) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            state.stores().forEach((object, store) -> counts.put(object, store.count()));
            return counts;
        }
    }

    /** Waits until every event sent so far was delivered or ran out of retries; false on timeout. */
    public boolean awaitWebhooks(Duration timeout) {
        try {
            return webhooks.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        webhooks.close();
    }

    /** How to start a fake: port (0 = ephemeral), secret key, clock for objects' timestamps, webhook retries. */
    public static final class Builder {
        private int port;
        private String secretKey = DEFAULT_SECRET_KEY;
        private Clock clock = Clock.systemUTC();
        private int webhookAttempts = 4;
        private Duration webhookBackoff = Duration.ofMillis(100);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder secretKey(String secretKey) {
            if (!secretKey.startsWith("sk_test_")) {
                throw new IllegalArgumentException("a test-mode secret key starts with sk_test_");
            }
            this.secretKey = secretKey;
            return this;
        }

        /** The clock of {@code created} and the other timestamps (signatures always use the real time). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Attempts per event and endpoint (at least 1), the first retry after {@code backoff}, then doubling. */
        public Builder webhookRetries(int attempts, Duration backoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            this.webhookAttempts = attempts;
            this.webhookBackoff = backoff;
            return this;
        }

        public FakeStripe start() {
            return new FakeStripe(this);
        }
    }
}
