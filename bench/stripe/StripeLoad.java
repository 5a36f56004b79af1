import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load generator and checker of bench/stripe/run.sh: Tollgate's Stripe app against the fake Stripe (ADR 0037,
 * 0039). Modes (key=value arguments):
 * <pre>
 *   install        installs the Stripe app with the fake's key (OpenMeter's API-key install); prints app_id
 *   await          polls SQL until `expected` invoices of the `prefix` customers are in one of `states`; with
 *                  `killAt` it SIGKILLs Tollgate (found by `marker`) once that many are and returns
 *   verify         every invoice of the prefix against the fake: one Stripe invoice per Tollgate invoice, one item
 *                  per line, totals to the cent, the Stripe number taken, the Stripe invoice finalized
 *   direct         the reference: the Stripe calls one invoice's sync makes (customer, invoice, `items` items,
 *                  finalize), made straight to the fake, `count` invoices one after the other
 *   webhooks       signed events POSTed to the app's webhook route by `concurrency` clients: `invoice.paid` for every
 *                  synced invoice of the prefix, `customer.updated` filler up to `events`, and `replays` of them sent
 *                  again; then checks every event stored once and waits until the worker processed them all
 *   direct-webhooks the reference: the same signature check, JSON parse and insert, straight into PostgreSQL
 *   profile        where the threads whose name starts with `threads` spent their samples in a JFR recording (`jfr`)
 * </pre>
 */
public class StripeLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String API_VERSION = "2025-12-15.clover";
    private static Map<String, String> args;

    public static void main(String[] argv) throws Exception {
        args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            args.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        switch (argv[0]) {
            case "install" -> install();
            case "await" -> await();
            case "verify" -> verify();
            case "direct" -> direct();
            case "webhooks" -> webhooks();
            case "direct-webhooks" -> directWebhooks();
            case "profile" -> profile();
            default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
        }
    }

    private static String arg(String name, String fallback) {
        String value = args.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException(name + "= is required");
        }
        return value;
    }

    private static int intArg(String name, int fallback) {
        return Integer.parseInt(arg(name, String.valueOf(fallback)));
    }

    private static Connection db() throws Exception {
        String password = Files.readString(Path.of(arg("pwfile", null))).strip();
        return DriverManager.getConnection(arg("jdbc", null), "postgres", password);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------------

    record Response(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private static Response tollgate(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(arg("base", null) + path)).header("Authorization", "Bearer " + arg("key", null));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A call to the fake Stripe as stripe-java makes it: form-encoded, the secret key as Bearer, an idempotency key on POSTs. */
    private static Response stripe(String method, String path, Map<String, String> form, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(arg("stripe", null) + path))
                .header("Authorization", "Bearer " + arg("stripeKey", "sk_test_tollgate_fake")).header("Stripe-Version", API_VERSION);
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (form == null) {
            return send(b.method(method, HttpRequest.BodyPublishers.noBody()).build());
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static Response expect(Response r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    /** Every object of a Stripe list route, page by page (limit 100, starting_after). */
    private static List<JsonNode> listAll(String path) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = expect(stripe("GET", path + "?limit=100" + (after == null ? "" : "&starting_after=" + after), null, null), 200, path).json();
            page.get("data").forEach(all::add);
            if (!page.path("has_more").asBoolean(false) || page.get("data").isEmpty()) {
                return all;
            }
            after = page.get("data").get(page.get("data").size() - 1).get("id").asText();
        }
    }

    // ---- modes ---------------------------------------------------------------------------------------------------------

    private static void install() throws Exception {
        JsonNode installed = expect(tollgate("POST", "/api/v1/marketplace/listings/stripe/install/apikey",
                "{\"apiKey\":\"" + arg("stripeKey", "sk_test_tollgate_fake") + "\"}"), 200, "the Stripe app's install").json();
        System.out.println("app_id=" + installed.get("app").get("id").asText());
    }

    private static void await() throws Exception {
        int expected = intArg("expected", 1000);
        int timeout = intArg("timeout", 1800);
        int killAt = intArg("killAt", 0);
        long launched = Long.parseLong(arg("launchedMs", String.valueOf(System.currentTimeMillis())));
        String[] states = arg("states", null).split(",");
        Connection db = null;
        while (db == null) {
            try {
                db = db();
            } catch (Exception notYet) {
                if (System.currentTimeMillis() - launched > timeout * 1000L) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
        long first = -1;
        int reached = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM billing.invoices i WHERE i.state = ANY (?) AND i.deleted_at IS NULL"
                + " AND i.customer->>'key' LIKE ?")) {
            s.setArray(1, db.createArrayOf("text", states));
            s.setString(2, arg("prefix", "st") + "-%");
            int lastReported = -1;
            while (System.currentTimeMillis() - launched < timeout * 1000L) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    reached = rs.getInt(1);
                } catch (Exception tablesNotYet) {
                    reached = 0;
                }
                long at = System.currentTimeMillis() - launched;
                if (reached > 0 && first < 0) {
                    first = at;
                }
                if (killAt > 0 && reached >= killAt && reached < expected) {
                    ProcessHandle victim = tollgateProcess(arg("marker", null));
                    victim.destroyForcibly(); // SIGKILL on Linux: kill -9, in the middle of the sync
                    System.out.println("killed_pid=" + victim.pid());
                    System.out.println("killed_at_ms=" + at);
                    System.out.println("reached_when_killed=" + reached);
                    return;
                }
                if (reached >= expected) {
                    System.out.println("first_ms=" + first);
                    System.out.println("all_ms=" + at);
                    System.out.println("reached=" + reached);
                    return;
                }
                if (reached / 100 != lastReported) {
                    lastReported = reached / 100;
                    System.err.printf("[await] %,d of %,d in %s after %.1f s%n", reached, expected, String.join("|", states), at / 1000.0);
                }
                Thread.sleep(killAt > 0 ? 20 : 250);
            }
        }
        throw new IllegalStateException("only " + reached + " of " + expected + " invoices reached " + Arrays.toString(states) + " in " + timeout + " s");
    }

    private static ProcessHandle tollgateProcess(String marker) {
        List<ProcessHandle> found = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> Arrays.asList(a).contains("-Dbench.instance=" + marker)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one Tollgate with marker " + marker + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The Tollgate invoices of the prefix: id (uuid) → its Stripe invoice id, total in cents, number and state. */
    record Ours(String stripeId, long cents, String number, String state) {
    }

    private static Map<String, Ours> ours(Connection db) throws Exception {
        Map<String, Ours> invoices = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, external_ids->>'invoicing', total, number, state FROM billing.invoices i"
                + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL AND i.customer->>'key' LIKE ?")) {
            s.setString(1, arg("prefix", "st") + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    invoices.put(rs.getString(1), new Ours(rs.getString(2), rs.getBigDecimal(3).movePointRight(2).longValueExact(),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return invoices;
    }

    private static void verify() throws Exception {
        Map<String, Ours> ours;
        try (Connection db = db()) {
            ours = ours(db);
        }
        Map<String, List<JsonNode>> byTollgateInvoice = new HashMap<>();
        for (JsonNode invoice : listAll("/v1/invoices")) {
            String id = invoice.path("metadata").path("om_invoice_id").asText(null);
            if (id != null) {
                byTollgateInvoice.computeIfAbsent(id, k -> new ArrayList<>()).add(invoice);
            }
        }
        Map<String, Integer> itemsByLine = new HashMap<>();
        Map<String, Integer> itemsByStripeInvoice = new HashMap<>();
        for (JsonNode item : listAll("/v1/invoiceitems")) {
            JsonNode metadata = item.path("metadata");
            if (metadata.has("om_invoice_id")) {
                itemsByLine.merge(metadata.get("om_invoice_id").asText() + "/" + metadata.path("om_line_id").asText(), 1, Integer::sum);
                itemsByStripeInvoice.merge(item.path("invoice").asText(), 1, Integer::sum);
            }
        }
        int duplicateInvoices = 0;
        for (List<JsonNode> copies : byTollgateInvoice.values()) {
            duplicateInvoices += copies.size() - 1;
        }
        int duplicateItems = 0;
        for (int n : itemsByLine.values()) {
            duplicateItems += n - 1;
        }
        Map<String, JsonNode> stripeById = new HashMap<>();
        byTollgateInvoice.values().forEach(copies -> copies.forEach(i -> stripeById.put(i.get("id").asText(), i)));
        int synced = 0;
        int wrongTotal = 0;
        int wrongNumber = 0;
        int notFinalized = 0;
        int missing = 0;
        for (Ours invoice : ours.values()) {
            JsonNode theirs = invoice.stripeId() == null ? null : stripeById.get(invoice.stripeId());
            if (theirs == null) {
                missing++;
                continue;
            }
            synced++;
            if (theirs.get("total").asLong() != invoice.cents()) {
                wrongTotal++;
            }
            if ("draft".equals(theirs.get("status").asText())) {
                notFinalized++;
            } else if (!theirs.path("number").asText("").equals(invoice.number())) {
                wrongNumber++;
            }
        }
        int items = 0; // of this prefix's invoices only: the fake may hold another phase's
        for (Ours invoice : ours.values()) {
            items += invoice.stripeId() == null ? 0 : itemsByStripeInvoice.getOrDefault(invoice.stripeId(), 0);
        }
        System.out.println("invoices=" + ours.size());
        System.out.println("synced=" + synced);
        System.out.println("missing=" + missing);
        System.out.println("duplicate_invoices=" + duplicateInvoices);
        System.out.println("duplicate_items=" + duplicateItems);
        System.out.println("items=" + items);
        System.out.printf("items_per_invoice=%.1f%n", synced == 0 ? 0.0 : (double) items / synced);
        System.out.println("wrong_totals=" + wrongTotal);
        System.out.println("wrong_numbers=" + wrongNumber);
        System.out.println("not_finalized=" + notFinalized);
    }

    private static void direct() throws Exception {
        int count = intArg("count", 200);
        int items = intArg("items", 6);
        String run = Long.toString(System.nanoTime(), 36);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = "direct-" + run + "-" + i;
            String customer = expect(stripe("POST", "/v1/customers", Map.of("name", key, "metadata[bench]", key), key + "-c"), 200, "customer").json()
                    .get("id").asText();
            String invoice = expect(stripe("POST", "/v1/invoices", Map.of("customer", customer, "currency", "usd", "auto_advance", "false",
                    "pending_invoice_items_behavior", "exclude", "metadata[bench]", key), key + "-i"), 200, "invoice").json().get("id").asText();
            for (int n = 0; n < items; n++) {
                expect(stripe("POST", "/v1/invoiceitems", Map.of("customer", customer, "invoice", invoice, "currency", "usd",
                        "amount", String.valueOf(100 + n), "description", "line " + n, "metadata[bench]", key), key + "-" + n), 200, "item");
            }
            expect(stripe("POST", "/v1/invoices/" + invoice + "/finalize", Map.of(), null), 200, "finalize");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.println("direct_invoices=" + count);
        System.out.printf("direct_seconds=%.2f%n", s);
        System.out.printf("direct_invoices_per_s=%.1f%n", count / s);
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------------

    /** The signing secret of the endpoint Tollgate registered for the app (from the fake's test control). */
    private static String secretOf(String appId) throws Exception {
        for (JsonNode endpoint : expect(stripe("GET", "/_fake/webhook_endpoints", null, null), 200, "the fake's endpoints").json().get("data")) {
            if (endpoint.get("url").asText().contains(appId)) {
                return endpoint.get("secret").asText();
            }
        }
        throw new IllegalStateException("no webhook endpoint registered for app " + appId);
    }

    /** The events to send: invoice.paid for every synced invoice of the prefix, customer.updated filler up to `events`. */
    private static List<String> events(int total) throws Exception {
        List<String> events = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        long created = System.currentTimeMillis() / 1000;
        for (JsonNode invoice : listAll("/v1/invoices")) {
            if (invoice.path("metadata").has("om_invoice_id") && "open".equals(invoice.get("status").asText()) && events.size() < total) {
                ObjectNode paid = invoice.deepCopy();
                paid.put("status", "paid");
                paid.put("amount_paid", invoice.get("amount_due").asLong());
                paid.put("amount_remaining", 0);
                events.add(event("evt_bench_" + run + "_" + events.size(), "invoice.paid", created, paid));
            }
        }
        int paid = events.size();
        for (int i = paid; i < total; i++) {
            ObjectNode customer = JSON.createObjectNode();
            customer.put("id", "cus_bench_" + i);
            customer.put("object", "customer");
            customer.putObject("metadata").put("bench", run);
            events.add(event("evt_bench_" + run + "_" + i, "customer.updated", created, customer));
        }
        System.out.println("paid_events=" + paid);
        return events;
    }

    private static String event(String id, String type, long created, JsonNode object) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", created);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.putObject("data").set("object", object);
        event.putObject("request").putNull("id");
        return JSON.writeValueAsString(event);
    }

    private static String signature(String secret, long t, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    /** The sending order: every event once, shuffled, then `replays` of them again (Stripe's retries). */
    private static List<String> sendingOrder(List<String> events, int replays) {
        List<String> order = new ArrayList<>(events);
        Collections.shuffle(order, new Random(7));
        Random pick = new Random(11);
        for (int i = 0; i < replays; i++) {
            order.add(events.get(pick.nextInt(events.size())));
        }
        return order;
    }

    interface Sink {
        int deliver(String payload, String signature) throws Exception;
    }

    /** Sends `order` through `concurrency` threads; prints the rate and latencies under `label`; returns non-2xx count. */
    private static int blast(String label, List<String> order, int concurrency, String secret, Sink sink) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] nanos = new long[order.size()];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < order.size(); i = next.getAndIncrement()) {
                    String payload = order.get(i);
                    long start = System.nanoTime();
                    int status = sink.deliver(payload, signature(secret, System.currentTimeMillis() / 1000, payload));
                    nanos[i] = System.nanoTime() - start;
                    if (status / 100 != 2) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println("[" + label + "] answered " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.println(label + "_sent=" + order.size());
        System.out.printf("%s_seconds=%.2f%n", label, s);
        System.out.printf("%s_events_per_s=%.0f%n", label, order.size() / s);
        System.out.printf("%s_p50_ms=%.2f%n", label, sorted[sorted.length / 2] / 1e6);
        System.out.printf("%s_p99_ms=%.2f%n", label, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        System.out.println(label + "_failed=" + failed.get());
        return failed.get();
    }

    private static void webhooks() throws Exception {
        String app = arg("app", null);
        String secret = secretOf(app);
        List<String> events = events(intArg("events", 20000));
        List<String> order = sendingOrder(events, intArg("replays", events.size() / 10));
        URI route = URI.create(arg("base", null) + "/api/v1/apps/" + app + "/stripe/webhook");
        int failed = blast("tollgate", order, intArg("concurrency", 16), secret, (payload, signature) -> HTTP.send(HttpRequest.newBuilder(route)
                .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        try (Connection db = db()) {
            // every acknowledged event is there, once: counted right after the last answer
            long stored = count(db, "SELECT count(*) FROM billing.stripe_events WHERE event_id LIKE 'evt_bench_%'");
            System.out.println("unique_events=" + events.size());
            System.out.println("stored_events=" + stored);
            long deadline = System.currentTimeMillis() + intArg("timeout", 600) * 1000L;
            long pending;
            while ((pending = count(db, "SELECT count(*) FROM billing.stripe_events WHERE event_id LIKE 'evt_bench_%' AND processed_at IS NULL")) > 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            System.out.println("unprocessed_events=" + pending);
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT extract(epoch FROM max(processed_at) - min(received_at)),
                           count(*) FILTER (WHERE outcome IS NOT NULL AND type = 'invoice.paid')
                    FROM billing.stripe_events WHERE event_id LIKE 'evt_bench_%'""")) {
                rs.next();
                double seconds = rs.getDouble(1);
                System.out.printf("processing_seconds=%.2f%n", seconds);
                System.out.printf("processed_events_per_s=%.0f%n", seconds == 0 ? 0.0 : stored / seconds);
            }
            System.out.println("invoices_paid=" + count(db, "SELECT count(*) FROM billing.invoices i WHERE i.state = 'paid' AND i.customer->>'key' LIKE '"
                    + arg("prefix", "st").replace("'", "") + "-%'"));
        }
        System.out.println("failed=" + failed);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The reference: what the route must do at the least — check the signature, read the JSON, insert the row — on JDBC. */
    private static void directWebhooks() throws Exception {
        int concurrency = intArg("concurrency", 16);
        String secret = "whsec_" + "b".repeat(32);
        List<String> events = new ArrayList<>();
        long created = System.currentTimeMillis() / 1000;
        for (int i = 0; i < intArg("events", 20000); i++) {
            ObjectNode customer = JSON.createObjectNode();
            customer.put("id", "cus_direct_" + i);
            customer.put("object", "customer");
            events.add(event("evt_direct_" + i, "customer.updated", created, customer));
        }
        List<String> order = sendingOrder(events, intArg("replays", events.size() / 10));
        try (Connection db = db(); Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public.bench_direct_events");
            s.execute("DROP TABLE IF EXISTS public.bench_direct_apps");
            s.execute("CREATE TABLE public.bench_direct_apps (id int PRIMARY KEY)");
            s.execute("INSERT INTO public.bench_direct_apps VALUES (1)");
            s.execute("""
                    CREATE TABLE public.bench_direct_events (event_id text PRIMARY KEY, type text NOT NULL, payload text NOT NULL,
                        received_at timestamptz NOT NULL, next_attempt_at timestamptz NOT NULL, processed_at timestamptz,
                        app_id int %s)""".formatted("1".equals(arg("fk", "0")) ? "REFERENCES public.bench_direct_apps (id)" : ""));
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return db();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        blast("direct", order, concurrency, secret, (payload, header) -> {
            String[] parts = header.split(",");
            String t = parts[0].substring(2);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
            if (!java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[1].substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return 400;
            }
            JsonNode event = JSON.readTree(payload);
            try (PreparedStatement insert = connections.get().prepareStatement("""
                    INSERT INTO public.bench_direct_events (event_id, type, payload, received_at, next_attempt_at, app_id)
                    VALUES (?, ?, ?, now(), now(), 1) ON CONFLICT DO NOTHING""")) {
                insert.setString(1, event.get("id").asText());
                insert.setString(2, event.get("type").asText());
                insert.setString(3, payload);
                insert.executeUpdate();
            }
            return 200;
        });
        try (Connection db = db(); Statement s = db.createStatement()) {
            System.out.println("direct_stored=" + count(db, "SELECT count(*) FROM public.bench_direct_events"));
            s.execute("DROP TABLE public.bench_direct_events");
            s.execute("DROP TABLE public.bench_direct_apps");
        }
    }

    private static void profile() throws Exception {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> leaf = new HashMap<>();
        int samples = 0;
        String[] prefixes = arg("threads", "io-executor").split(",");
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(Path.of(arg("jfr", null)))) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            jdk.jfr.consumer.RecordedThread thread = e.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || e.getStackTrace() == null
                    || Arrays.stream(prefixes).noneMatch(thread.getJavaName()::startsWith)) {
                continue;
            }
            samples++;
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean first = true;
            for (jdk.jfr.consumer.RecordedFrame f : e.getStackTrace().getFrames()) {
                String name = f.getMethod().getType().getName();
                String method = name.substring(name.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                if (first) {
                    leaf.merge((type.equals("jdk.NativeMethodSample") ? "[native] " : "") + method, 1, Integer::sum);
                    first = false;
                }
                if ((name.startsWith("dev.tollgate") || name.startsWith("io.micronaut") || name.startsWith("com.zaxxer")
                        || name.startsWith("org.postgresql")) && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        int total = samples;
        System.out.println("samples=" + total);
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(intArg("top", 40))
                .forEach(en -> System.out.printf("inclusive %5.1f%% %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
        leaf.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(en -> System.out.printf("top-frame %5.1f%% %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }
}
