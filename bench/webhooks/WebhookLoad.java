import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook benchmark's helper (bench/webhooks/run.sh): a signature-verifying sink, the setup through Tollgate's
 * php-tenant API, and the event load. Every mode prints key=value lines.
 *
 *   sink port=P secret=S out=FILE        a loopback receiver: verifies every request with Standard Webhooks' reference
 *                                        verifier, answers 204, and writes its counts to FILE every 200 ms
 *   setup base=URL key=K operator=SECRET webhooks=W sink=URL secret=S email=E
 *                                        W webhooks (boost_activated) on the key's workspace, which gets the pro tier;
 *                                        prints the workspace's metered entitlement that boosts are granted on
 *   load base=URL operator=SECRET org=ID entitlement=ID rate=R seconds=N threads=T
 *        [warmup=S webhooks=W sink_stats=FILE sink_reset=URL measuring=FILE]
 *                                        boost_activated events at R/s for N s: one grant by the operator each; with
 *                                        warmup, first the same load for S s in this same (then warm) process, until
 *                                        the sink has all its W deliveries per event, the sink reset, FILE created
 *   direct sink=URL secret=S count=N concurrency=C               the reference: N signed POSTs straight to a sink
 */
public final class WebhookLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern OCCURRED = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        switch (args[0]) {
            case "sink" -> sink(Integer.parseInt(a.get("port")), a.get("secret"), Path.of(a.get("out")));
            case "setup" -> setup(a.get("base"), a.get("key"), a.get("operator"), Integer.parseInt(a.get("webhooks")), a.get("sink"),
                    a.get("secret"), a.get("email"));
            case "load" -> load(a.get("base"), a.get("operator"), a.get("org"), a.get("entitlement"), Double.parseDouble(a.get("rate")),
                    Integer.parseInt(a.get("seconds")), Integer.parseInt(a.getOrDefault("threads", "4")),
                    new WarmUp(Integer.parseInt(a.getOrDefault("warmup", "0")), Integer.parseInt(a.getOrDefault("webhooks", "0")),
                            a.containsKey("sink_stats") ? Path.of(a.get("sink_stats")) : null, a.get("sink_reset"),
                            a.containsKey("measuring") ? Path.of(a.get("measuring")) : null));
            case "direct" -> direct(a.get("sink"), a.get("secret"), Integer.parseInt(a.get("count")), Integer.parseInt(a.get("concurrency")));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // --- sink ------------------------------------------------------------------------------------------------------

    static void sink(int port, String secret, Path out) throws IOException {
        Webhook verifier = new Webhook(secret.getBytes(StandardCharsets.UTF_8));
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicLong received = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong badSignatures = new AtomicLong();
        // Latency from the event (occurred_at, set in the transaction that announced it) to its first arrival here:
        // 1 ms buckets up to 10 s.
        long[] latency = new long[10_001];
        AtomicLong firstMs = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastMs = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(16));
        // Counters back to zero without a new (cold) process: the measured phase starts on a warm sink.
        server.createContext("/_reset", exchange -> {
            ids.clear();
            received.set(0);
            duplicates.set(0);
            badSignatures.set(0);
            firstMs.set(Long.MAX_VALUE);
            lastMs.set(0);
            synchronized (latency) {
                Arrays.fill(latency, 0);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.currentTimeMillis();
            int status = 204;
            try {
                verifier.verify(body, exchange.getRequestHeaders());
                received.incrementAndGet();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                if (!ids.add(id)) {
                    duplicates.incrementAndGet();
                } else {
                    Matcher m = OCCURRED.matcher(body);
                    if (m.find()) {
                        long ms = Math.max(0, now - Instant.parse(m.group(1)).toEpochMilli());
                        synchronized (latency) {
                            latency[(int) Math.min(ms, latency.length - 1)]++;
                        }
                    }
                    firstMs.accumulateAndGet(now, Math::min);
                    lastMs.accumulateAndGet(now, Math::max);
                }
            } catch (Exception e) {
                badSignatures.incrementAndGet();
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("sink=http://127.0.0.1:" + port + "/hooks");
        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(() -> {
            long[] copy;
            synchronized (latency) {
                copy = latency.clone();
            }
            String stats = "received=" + received.get() + "\nunique=" + ids.size() + "\nduplicates=" + duplicates.get()
                    + "\nbad_signatures=" + badSignatures.get() + "\nfirst_ms=" + (firstMs.get() == Long.MAX_VALUE ? 0 : firstMs.get())
                    + "\nlast_ms=" + lastMs.get() + "\nlatency_p50_ms=" + percentile(copy, 0.50) + "\nlatency_p99_ms=" + percentile(copy, 0.99)
                    + "\nlatency_max_ms=" + percentile(copy, 1.0) + "\n";
            try {
                Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
                Files.writeString(tmp, stats);
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                e.printStackTrace();
            }
        }, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static long percentile(long[] histogram, double p) {
        long total = Arrays.stream(histogram).sum();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return i;
            }
        }
        return histogram.length - 1;
    }

    // --- setup -----------------------------------------------------------------------------------------------------

    static void setup(String base, String key, String operator, int webhooks, String sink, String secret, String email) throws Exception {
        for (int i = 0; i < webhooks; i++) {
            send(base, "POST", "/api/entitlement-webhooks", """
                    {"name":"bench %d","url":"%s?n=%d","events":["boost_activated"],"secret":"%s"}""".formatted(i, sink, i, secret), 201,
                    "Authorization", "Bearer " + key);
        }
        // The pro tier gives the workspace a metered entitlement (queries_per_day) that boosts can be granted on.
        send(base, "POST", "/api/provisioning/entitlements", """
                {"email":"%s","name":"Bench","product_code":"pro"}""".formatted(email), 201, "Authorization", "Bearer " + key);
        String org = field(send(base, "GET", "/v1/organizations", null, 200, "Authorization", "Bearer " + key), "id");
        String entitlement = field(send(base, "GET", "/api/v2/customers/" + org + "/entitlements/queries_per_day", null, 200,
                "X-Internal-Secret", operator), "id");
        System.out.println("webhooks=" + webhooks);
        System.out.println("org=" + org);
        System.out.println("entitlement=" + entitlement);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /**
     * Grants a boost of 1 on the entitlement at {@code rate} per second from {@code threads} clients (the grants of one
     * entitlement are serialised by its row lock; several clients keep the pipe full). Counts the grants Tollgate
     * confirmed: each committed with its boost_activated event. Requests that fail (Tollgate down after a kill) are
     * counted apart and not retried.
     */
    /** An unmeasured lead-in of the same load, so the measured phase starts on a warm load generator too. */
    record WarmUp(int seconds, int webhooks, Path sinkStats, String sinkReset, Path measuring) {
    }

    static void load(String base, String operator, String org, String entitlement, double rate, int seconds, int threads, WarmUp warmUp)
            throws Exception {
        String path = "/api/v2/customers/" + org + "/entitlements/" + entitlement + "/grants";
        String body = """
                {"amount":1,"effectiveAt":"%s","expiration":{"duration":"DAY","count":30}}"""
                .formatted(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        var pool = Executors.newFixedThreadPool(threads);
        if (warmUp.seconds() > 0) {
            long[] warm = drive(pool, threads, base, operator, path, body, rate, warmUp.seconds());
            System.err.println("warmup_events_confirmed=" + warm[0]);
            awaitSink(warmUp.sinkStats(), warm[0] * warmUp.webhooks(), Duration.ofSeconds(120));
            send(warmUp.sinkReset().replaceFirst("/_reset$", ""), "POST", "/_reset", null, 204, "X-Bench", "reset");
            Thread.sleep(500);
        }
        if (warmUp.measuring() != null) {
            Files.writeString(warmUp.measuring(), "");
        }
        long started = System.nanoTime();
        long[] counts = drive(pool, threads, base, operator, path, body, rate, seconds);
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        PrintStream o = System.out;
        o.println("events_confirmed=" + counts[0]);
        o.println("events_failed=" + counts[1]);
        o.println("events_not_sent=" + counts[2]);
        o.println("events_per_s=" + String.format("%.1f", counts[0] / elapsed));
    }

    /** One grant every 1/rate s for {@code seconds}; waits for the last answers. Returns confirmed, failed, not sent. */
    static long[] drive(java.util.concurrent.ExecutorService pool, int threads, String base, String operator, String path, String body,
                        double rate, int seconds) throws InterruptedException {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(threads * 2);
        AtomicLong confirmed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long next = start;
        long skipped = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now < next) {
                java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                continue;
            }
            next += intervalNanos;
            if (!slots.tryAcquire()) {
                skipped++; // the server is slower than the asked rate: the event is not sent (say so below)
                continue;
            }
            pool.execute(() -> {
                try {
                    send(base, "POST", path, body, 201, "X-Internal-Secret", operator);
                    confirmed.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(threads * 2); // every grant sent has been answered
        slots.release(threads * 2);
        return new long[] {confirmed.get(), failed.get(), skipped};
    }

    /** Until the sink's stats file counts {@code expected} distinct webhook-ids (or the timeout passed). */
    static void awaitSink(Path stats, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                for (String line : Files.readAllLines(stats)) {
                    if (line.startsWith("unique=") && Long.parseLong(line.substring(7)) >= expected) {
                        return;
                    }
                }
            } catch (IOException | NumberFormatException notYet) {
                // written every 200 ms by the sink
            }
            Thread.sleep(200);
        }
        System.err.println("the sink did not get all " + expected + " warm-up deliveries within " + timeout.toSeconds() + " s");
    }

    /**
     * The reference: what it costs to sign and POST the same messages to a sink with nothing in between — no outbox,
     * queue, database or bookkeeping — over the HTTP client Tollgate delivers with (Apache HttpClient 5 async, from
     * Tollgate's jar), {@code concurrency} requests in flight over keep-alive connections.
     */
    static void direct(String sink, String secret, int count, int concurrency) throws Exception {
        Webhook signer = new Webhook(secret.getBytes(StandardCharsets.UTF_8));
        var connections = org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(concurrency).setMaxConnPerRoute(concurrency).build();
        try (var client = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom().setConnectionManager(connections)
                .setIOReactorConfig(org.apache.hc.core5.reactor.IOReactorConfig.custom().setIoThreadCount(2).build()).build()) {
            client.start();
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = java.util.UUID.randomUUID().toString();
                String body = "{\"id\":\"" + id + "\",\"event\":\"boost_activated\",\"workspace_id\":1,\"occurred_at\":\"" + Instant.now()
                        + "\",\"data\":{\"feature\":\"queries_per_day\",\"value\":1,\"type\":\"grant\",\"expires_at\":null}}";
                long ts = Instant.now().getEpochSecond();
                var request = org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.post(sink)
                        .setBody(body, org.apache.hc.core5.http.ContentType.APPLICATION_JSON)
                        .setHeader("webhook-id", id).setHeader("webhook-timestamp", Long.toString(ts))
                        .setHeader("webhook-signature", signer.sign(id, ts, body)).build();
                inFlight.acquire();
                client.execute(request, new org.apache.hc.core5.concurrent.FutureCallback<>() {
                    @Override
                    public void completed(org.apache.hc.client5.http.async.methods.SimpleHttpResponse r) {
                        (r.getCode() / 100 == 2 ? ok : failed).incrementAndGet();
                        inFlight.release();
                    }

                    @Override
                    public void failed(Exception e) {
                        failed.incrementAndGet();
                        inFlight.release();
                    }

                    @Override
                    public void cancelled() {
                        failed.incrementAndGet();
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(concurrency);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.println("direct_sent=" + ok.get());
            System.out.println("direct_failed=" + failed.get());
            System.out.println("direct_per_s=" + String.format("%.0f", ok.get() / elapsed));
        }
    }

    static String send(String base, String method, String path, String body, int expected, String... header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header(header[0], header[1]).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
