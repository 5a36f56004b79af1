import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metering benchmark's load generator (bench/metering/run.sh drives it). Every mode prints its results as
 * {@code key=value} lines on stdout; progress goes to stderr. Runs as a single source file on the Tollgate jar's class
 * path (for the PostgreSQL driver):
 *
 * <pre>
 *   java -cp bootstrap/target/tollgate.jar bench/metering/MeteringLoad.java MODE key=value ...
 *
 *   ingest        POST /api/v1/events from `threads` threads for `seconds`: `batch` events per request
 *                 (application/cloudevents-batch+json, or application/cloudevents+json when batch=1); every
 *                 `resendEvery`-th batch is sent a second time to exercise de-duplication. Acknowledged = 2xx.
 *   direct-ingest the same batches straight into PostgreSQL (INSERT ... ON CONFLICT DO NOTHING, one commit each),
 *                 into a scratch namespace: the reference for what the database alone sustains
 *   count         the COUNT meter's total over the run's subjects (from queryMeter), to compare with what was acked
 *   freshness     ingest one event, then poll queryMeter for its subject until it shows: time to visibility
 *   load          insert `events` synthetic events over `subjects` subjects and `days` days into a namespace with SQL
 *   query         queryMeter for one random subject, one month, windowSize=DAY: latency percentiles
 *   direct-query  the same aggregation as plain SQL over JDBC: the reference
 * </pre>
 */
public class MeteringLoad {
    /**
     * Each thread's own keep-alive HTTP/1.1 connection. A minimal client on purpose: java.net.http costs milliseconds
     * per request on this 2-core machine and would measure itself rather than Tollgate.
     */
    private static final ThreadLocal<RawHttp> HTTP = ThreadLocal.withInitial(RawHttp::new);
    private static Map<String, String> args;

    public static void main(String[] argv) throws Exception {
        args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            args.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        switch (argv[0]) {
            case "ingest" -> ingest(false);
            case "direct-ingest" -> ingest(true);
            case "count" -> count();
            case "freshness" -> freshness();
            case "load" -> load();
            case "query" -> query(false);
            case "direct-query" -> query(true);
            case "size" -> size();
            default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
        }
    }

    private static String arg(String name, String fallback) {
        String value = args.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + "=...");
        }
        return value;
    }

    private static int intArg(String name, int fallback) {
        return Integer.parseInt(arg(name, String.valueOf(fallback)));
    }

    // ---- ingestion ---------------------------------------------------------------------------------------------------

    /** One event as CloudEvents JSON; `value` feeds the SUM meter, the subject is one of `subjects` customers. */
    private static String event(String id, String subject, Instant time) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"bench\",\"type\":\"bench.request\",\"subject\":\""
                + subject + "\",\"time\":\"" + time + "\",\"data\":{\"value\":" + (1 + Math.floorMod(id.hashCode(), 9))
                + ",\"region\":\"eu\"}}";
    }

    private static void ingest(boolean direct) throws Exception {
        int threads = intArg("threads", 8);
        int seconds = intArg("seconds", 60);
        int batch = intArg("batch", 100);
        int resendEvery = intArg("resendEvery", 100);
        int subjects = intArg("subjects", 1000);
        String run = arg("run", "r" + System.currentTimeMillis());
        AtomicLong acked = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[threads][];
        int[] latencyCounts = new int[threads];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            latencies[t] = new long[1 << 16];
            done.add(pool.submit(() -> {
                Connection db = direct ? DriverManager.getConnection(arg("jdbc", null), "postgres", "postgres") : null;
                UUID scratch = UUID.randomUUID();
                long seq = 0;
                while (System.nanoTime() < deadline) {
                    List<String[]> events = new ArrayList<>(batch);
                    Instant now = Instant.now();
                    for (int i = 0; i < batch; i++) {
                        String id = run + "-" + thread + "-" + seq + "-" + i;
                        events.add(new String[] {id, run + "-customer-" + Math.floorMod((id + "s").hashCode(), subjects)});
                    }
                    boolean again = resendEvery > 0 && seq % resendEvery == resendEvery - 1;
                    for (int attempt = 0; attempt < (again ? 2 : 1); attempt++) {
                        long t0 = System.nanoTime();
                        boolean ok = direct ? insert(db, scratch, events, now) : post(events, now, batch == 1);
                        long took = System.nanoTime() - t0;
                        requests.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        } else if (attempt == 0) {
                            acked.addAndGet(events.size());
                        } else {
                            resent.incrementAndGet();
                        }
                        if (latencyCounts[thread] == latencies[thread].length) {
                            latencies[thread] = Arrays.copyOf(latencies[thread], latencies[thread].length * 2);
                        }
                        latencies[thread][latencyCounts[thread]++] = took;
                    }
                    seq++;
                }
                if (db != null) {
                    db.close();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = merge(latencies, latencyCounts);
        System.out.println("run=" + run);
        System.out.println("threads=" + threads);
        System.out.println("batch=" + batch);
        System.out.println("elapsed_s=" + String.format("%.2f", elapsed));
        System.out.println("requests=" + requests.get());
        System.out.println("errors=" + errors.get());
        System.out.println("resent_batches=" + resent.get());
        System.out.println("events_acked=" + acked.get());
        System.out.println("events_per_s=" + Math.round(acked.get() / elapsed));
        System.out.println("requests_per_s=" + Math.round(requests.get() / elapsed));
        System.out.println("p50_ms=" + ms(percentile(all, 50)));
        System.out.println("p99_ms=" + ms(percentile(all, 99)));
    }

    private static boolean post(List<String[]> events, Instant time, boolean single) {
        StringBuilder body = new StringBuilder(events.size() * 200);
        if (!single) {
            body.append('[');
        }
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(event(events.get(i)[0], events.get(i)[1], time));
        }
        if (!single) {
            body.append(']');
        }
        try {
            int status = HTTP.get().exchange("POST", "/api/v1/events",
                    single ? "application/cloudevents+json" : "application/cloudevents-batch+json", body.toString()).status();
            return status / 100 == 2;
        } catch (Exception e) {
            System.err.println("ingest request failed: " + e);
            HTTP.remove();
            return false;
        }
    }

    /** What the PostgreSQL adapter does for one batch, without HTTP, JSON parsing or authentication. */
    private static boolean insert(Connection db, UUID namespace, List<String[]> events, Instant time) {
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO metering.events (namespace, source, id, type, subject, time, data, ingested_at, compact)
                SELECT ?, 'bench', ?, 'bench.request', ?, ?, d, ?, coalesce(pg_column_size(d), 0) < 2000
                FROM (SELECT CAST(? AS jsonb) AS d) AS parsed ON CONFLICT DO NOTHING""")) {
            Timestamp at = Timestamp.from(time);
            for (String[] e : events) {
                s.setObject(1, namespace);
                s.setString(2, e[0]);
                s.setString(3, e[1]);
                s.setTimestamp(4, at);
                String data = "{\"value\":" + (1 + Math.floorMod(e[0].hashCode(), 9)) + ",\"region\":\"eu\"}";
                s.setTimestamp(5, at);
                s.setString(6, data);
                s.addBatch();
            }
            s.executeBatch();
            return true;
        } catch (Exception e) {
            System.err.println("direct insert failed: " + e);
            return false;
        }
    }

    // ---- reading -----------------------------------------------------------------------------------------------------

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)");

    /** GET queryMeter; returns the sum of the rows' values (0 for no rows), or throws on a non-200 answer. */
    private static double queryMeter(String meter, Map<String, String> params) throws Exception {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Response response = HTTP.get().exchange("GET", "/api/v1/meters/" + meter + "/query" + query, null, null);
        if (response.status() != 200) {
            throw new IllegalStateException("queryMeter answered " + response.status() + ": " + response.body());
        }
        double sum = 0;
        Matcher m = VALUE.matcher(response.body());
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static void count() throws Exception {
        Map<String, String> params = new HashMap<>();
        params.put("from", arg("from", null));
        params.put("to", arg("to", null));
        System.out.println("counted=" + Math.round(queryMeter(arg("meter", "bench_count"), params)));
    }

    private static void freshness() throws Exception {
        int samples = intArg("samples", 200);
        String run = arg("run", "f" + System.currentTimeMillis());
        long[] visibleAfter = new long[samples];
        for (int i = 0; i < samples; i++) {
            String subject = run + "-fresh-" + i;
            Instant time = Instant.now();
            long t0 = System.nanoTime();
            if (!post(List.<String[]>of(new String[] {run + "-fresh-" + i, subject}), time, true)) {
                throw new IllegalStateException("ingest failed");
            }
            Map<String, String> params = Map.of("subject", subject, "from", time.minusSeconds(60).toString(),
                    "to", time.plusSeconds(60).toString());
            while (queryMeter(arg("meter", "bench_count"), params) < 1) {
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                    throw new IllegalStateException("event " + subject + " not visible after 30 s");
                }
            }
            visibleAfter[i] = System.nanoTime() - t0;
        }
        Arrays.sort(visibleAfter);
        System.out.println("samples=" + samples);
        System.out.println("p50_ms=" + ms(percentile(visibleAfter, 50)));
        System.out.println("p99_ms=" + ms(percentile(visibleAfter, 99)));
        System.out.println("max_ms=" + ms(visibleAfter[samples - 1]));
    }

    private static void load() throws Exception {
        long events = Long.parseLong(arg("events", "10000000"));
        int subjects = intArg("subjects", 1000);
        int days = intArg("days", 31);
        long chunk = 500_000;
        try (Connection db = DriverManager.getConnection(arg("jdbc", null), "postgres", "postgres")) {
            // Times are spread pseudo-randomly over the days and subjects interleave, as live ingestion would store them.
            try (PreparedStatement s = db.prepareStatement("""
                    INSERT INTO metering.events (namespace, source, id, type, subject, time, data, ingested_at)
                    SELECT ?::uuid, 'bench-load', 'load-' || g, 'bench.request', 'customer-' || (g % ?),
                           ?::timestamptz + ((g * 7919) % (? * 86400)) * interval '1 second',
                           jsonb_build_object('value', g % 9 + 1, 'region', 'eu'), now()
                    FROM generate_series(?::bigint, ?::bigint) g""")) {
                for (long from = 1; from <= events; from += chunk) {
                    long to = Math.min(events, from + chunk - 1);
                    s.setString(1, namespace(db));
                    s.setInt(2, subjects);
                    s.setString(3, arg("start", "2026-10-01T00:00:00Z"));
                    s.setInt(4, days);
                    s.setLong(5, from);
                    s.setLong(6, to);
                    s.executeUpdate();
                    System.err.printf("[load] %,d / %,d events%n", to, events);
                }
            }
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE metering.events");
            }
        }
        System.out.println("loaded=" + events);
    }

    private static void query(boolean direct) throws Exception {
        int samples = intArg("samples", 500);
        int warmup = intArg("warmup", 100);
        int subjects = intArg("subjects", 1000);
        String from = arg("from", "2026-10-01T00:00:00Z");
        String to = arg("to", "2026-11-01T00:00:00Z");
        Connection db = direct ? DriverManager.getConnection(arg("jdbc", null), "postgres", "postgres") : null;
        long[] took = new long[samples];
        long rows = 0;
        for (int i = -warmup; i < samples; i++) {
            String subject = "customer-" + ThreadLocalRandom.current().nextInt(subjects);
            long t0 = System.nanoTime();
            double total;
            if (direct) {
                total = directAggregate(db, subject, from, to);
            } else {
                total = queryMeter(arg("meter", "bench_value"), Map.of("subject", subject, "from", from, "to", to,
                        "windowSize", "DAY", "windowTimeZone", "UTC"));
            }
            if (i >= 0) {
                took[i] = System.nanoTime() - t0;
                rows += Math.round(total);
            }
        }
        if (db != null) {
            db.close();
        }
        Arrays.sort(took);
        System.out.println("samples=" + samples);
        System.out.println("mean_value=" + rows / samples);
        System.out.println("p50_ms=" + ms(percentile(took, 50)));
        System.out.println("p99_ms=" + ms(percentile(took, 99)));
        System.out.println("max_ms=" + ms(took[samples - 1]));
    }

    /** The same per-day sum written by hand over the same index (compact events): what PostgreSQL alone needs for it. */
    private static double directAggregate(Connection db, String subject, String from, String to) throws Exception {
        try (PreparedStatement s = db.prepareStatement("""
                SELECT date_trunc('day', time, 'UTC') AS day, sum((data->>'value')::numeric)
                FROM metering.events WHERE namespace = ?::uuid AND type = 'bench.request' AND subject = ?
                  AND time >= ?::timestamptz AND time < ?::timestamptz AND compact GROUP BY 1 ORDER BY 1""")) {
            s.setString(1, namespace(db));
            s.setString(2, subject);
            s.setString(3, from);
            s.setString(4, to);
            double total = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    total += rs.getDouble(2);
                }
            }
            return total;
        }
    }

    private static void size() throws Exception {
        try (Connection db = DriverManager.getConnection(arg("jdbc", null), "postgres", "postgres");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('metering.events'))")) {
            rs.next();
            System.out.println("size=" + rs.getString(1));
        }
    }

    /** The namespace the API key writes to: the first organization (the demo admin's), unless namespace= says. */
    private static String namespace(Connection db) throws Exception {
        if (args.containsKey("namespace")) {
            return args.get("namespace");
        }
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM tenancy.organizations ORDER BY created_at LIMIT 1")) {
            rs.next();
            args.put("namespace", rs.getString(1));
            return args.get("namespace");
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------------

    record Response(int status, String body) {
    }

    /** HTTP/1.1 over one kept-alive socket: a request in one write, a response read by Content-Length or chunks. */
    static final class RawHttp {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        RawHttp() {
            try {
                URI base = URI.create(arg("base", null));
                host = base.getHost() + ":" + base.getPort();
                socket = new Socket(base.getHost(), base.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Response exchange(String method, String path, String contentType, String body) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nAuthorization: Bearer ").append(arg("key", null)).append("\r\nAccept: application/json\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + payload.length);
            System.arraycopy(payload, 0, request, headBytes.length, payload.length);
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else {
                content.write(in.readNBytes(length));
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    // ---- statistics --------------------------------------------------------------------------------------------------

    private static long[] merge(long[][] parts, int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return all;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
