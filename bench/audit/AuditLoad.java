import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/audit/run.sh (run with the jar on the class path for the PostgreSQL driver), printing key=value lines:
 *
 *   writes   op=apikey|project threads= seconds=       concurrent creations through the API, ops/s and latency
 *   seed     entries= org=                             inserts audit entries straight into tenancy.audit_entries
 *   reads    slug= requests= warmup=                   sequential GETs of audit/activity per filter, p50/p99 each
 *   export   slug=                                     streams audit/export, counts rows and bytes
 *   org                                                prints the demo organization's uuid, id and slug
 *   sql      statement=                                runs one statement (experiments)
 *
 * Common: base= key= (an all-scopes API key of the organization) jdbc= pwfile= (the embedded PostgreSQL and its
 * generated password) upstreamPort=
 */
public class AuditLoad {
    static final Map<String, String> ARGS = new LinkedHashMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            ARGS.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        switch (args[0]) {
            case "writes" -> writes();
            case "seed" -> seed();
            case "reads" -> reads();
            case "export" -> export();
            case "org" -> org();
            case "sql" -> sql();
            case "explain" -> explain();
            default -> throw new IllegalArgumentException("mode: writes, seed, reads, export");
        }
    }

    static String arg(String name, String fallback) {
        String value = ARGS.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + "=");
        }
        return value;
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(arg("base", null) + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + arg("key", null));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates API keys or projects from {@code threads} threads for {@code seconds}; every answer must be a 201. */
    static void writes() throws Exception {
        String op = arg("op", null);
        String org = arg("org", null);
        int threads = Integer.parseInt(arg("threads", "8"));
        long seconds = Long.parseLong(arg("seconds", "20"));
        String upstream = """
                {"host":"127.0.0.1","port":%s,"name":"postgres","username":"postgres","password":"postgres","ssl_mode":"disable"}"""
                .formatted(arg("upstreamPort", "5432"));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    String name = "bench-" + UUID.randomUUID();
                    String body = op.equals("apikey")
                            ? "{\"org_id\":\"" + org + "\",\"name\":\"" + name + "\",\"scopes\":[\"workspaces.read\"]}"
                            : "{\"name\":\"" + name + "\",\"org_id\":\"" + org + "\",\"database\":" + upstream + "}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = send("POST", op.equals("apikey") ? "/v1/api-keys" : "/v1/projects", body);
                        if (r.statusCode() != 201) {
                            failures.incrementAndGet();
                            System.err.println(r.statusCode() + " " + r.body());
                            continue;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    latencies.add(System.nanoTime() - t0);
                }
            });
            w.start();
            workers.add(w);
        }
        Thread.sleep(seconds * 1000);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("ops=%d%nfailures=%d%nops_per_s=%.1f%np50_ms=%.2f%np99_ms=%.2f%n", sorted.size(), failures.get(),
                sorted.size() / elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /**
     * {@code entries} audit entries for the organization over the last 90 days, newest last: 6 resource types, 24 event
     * types, 50 actors, 5,000 resources, summaries with words to search. Ids are UUIDv7 of each entry's time, as
     * Tollgate's own are, so the time order and the id order agree.
     */
    static void seed() throws Exception {
        long entries = Long.parseLong(arg("entries", "1000000"));
        String org = arg("orgUuid", null);
        try (Connection c = db(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            long batch = 100_000;
            for (long from = 0; from < entries; from += batch) {
                long to = Math.min(entries, from + batch);
                s.executeUpdate("""
                        INSERT INTO tenancy.audit_entries (id, organization_id, actor_type, actor_id, resource_type, resource_id, type, summary,
                                                            before, after, source_address, at)
                        SELECT (lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
                               '%s'::uuid, 'user', 'actor-' || (i %% 50), rt, rt || '_' || (i %% 5000), rt || '.' || (ARRAY['created','updated','deleted','revoked'])[1 + i %% 4],
                               'Bench change ' || i || ' of ' || rt || ' ' || (ARRAY['alpha','bravo','charlie','delta','echo'])[1 + i %% 5],
                               NULL, jsonb_build_object('name', 'item ' || i, 'size', i %% 100), '203.0.113.' || (i %% 250), t
                          FROM (SELECT i, md5(i::text) AS h, (ARRAY['project','database','api_key','member','subscription','webhook_endpoint'])[1 + i %% 6] AS rt,
                                       now() - interval '90 days' + (i * (interval '90 days' / %d)) AS t
                                  FROM generate_series(%d, %d) i) g
                        """.formatted(org, entries, from, to - 1));
            }
            s.execute("ANALYZE tenancy.audit_entries");
            try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('tenancy.audit_entries'), count(*) FROM tenancy.audit_entries")) {
                rs.next();
                System.out.printf("seeded=%d%nseed_seconds=%.1f%ntable_bytes=%d%nrows=%d%n", entries, (System.nanoTime() - t0) / 1e9,
                        rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** Each filter {@code requests} times after {@code warmup} unmeasured ones; p50 and p99 per filter, and every answer a 200. */
    static void reads() throws Exception {
        String slug = arg("slug", null);
        int requests = Integer.parseInt(arg("requests", "300"));
        int warmup = Integer.parseInt(arg("warmup", "30"));
        String base = "/workspace/api/v1/" + slug + "/audit";
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("newest_50", "/activity");
        filters.put("page_100", "/activity?limit=100");
        filters.put("resource_type", "/activity?resourceType=api_key");
        filters.put("event_type", "/activity?type=member.revoked");
        filters.put("actor", "/activity?actorId=actor-7");
        filters.put("date_range", "/activity?dateFrom=" + day(-40) + "&dateTo=" + day(-39));
        filters.put("type_and_dates", "/activity?type=project.created&dateFrom=" + day(-60) + "&dateTo=" + day(-30));
        filters.put("search_word", "/activity?search=" + URLEncoder.encode("charlie", StandardCharsets.UTF_8));
        filters.put("search_rare", "/activity?search=" + URLEncoder.encode("change 424242 ", StandardCharsets.UTF_8));
        filters.put("resource_history", "/database/database_1234/history");
        // the hundredth page: the cursor is the last id of the 99th
        HttpResponse<String> deep = null;
        String cursor = null;
        for (int p = 0; p < 99; p++) {
            deep = send("GET", base + "/activity?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null);
            cursor = field(deep.body(), "nextCursor");
        }
        filters.put("page_100_deep", "/activity?limit=100&cursor=" + cursor);
        for (Map.Entry<String, String> f : filters.entrySet()) {
            List<Long> samples = new ArrayList<>();
            int entries = 0;
            for (int i = 0; i < warmup + requests; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = send("GET", base + f.getValue(), null);
                long took = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(f.getKey() + " answered " + r.statusCode() + ": " + r.body());
                }
                if (i >= warmup) {
                    samples.add(took);
                }
                entries = count(r.body(), "\"id\":\"aud_");
            }
            Collections.sort(samples);
            System.out.printf("read.%s.path=%s%nread.%s.entries=%d%nread.%s.p50_ms=%.2f%nread.%s.p99_ms=%.2f%n", f.getKey(), f.getValue(),
                    f.getKey(), entries, f.getKey(), percentile(samples, 0.5), f.getKey(), percentile(samples, 0.99));
        }
    }

    /** Runs {@code statement=} on the embedded PostgreSQL (for experiments: an index dropped, a setting changed). */
    static void sql() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute(arg("statement", null));
        }
    }

    /** Prints the plan PostgreSQL runs {@code statement=} with, and its timing. */
    static void explain() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + arg("statement", null))) {
            while (rs.next()) {
                System.out.println(rs.getString(1));
            }
        }
    }

    /** The demo organization (the oldest): its UUID, public id and slug. */
    static void org() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, public_id, slug FROM tenancy.organizations ORDER BY created_at LIMIT 1")) {
            rs.next();
            System.out.printf("org_uuid=%s%norg_id=%s%nslug=%s%n", rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    /** The whole log as CSV, read as it streams. */
    static void export() throws Exception {
        String slug = arg("slug", null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(arg("base", null) + "/workspace/api/v1/" + slug + "/audit/export"))
                .header("Authorization", "Bearer " + arg("key", null)).timeout(Duration.ofMinutes(30)).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("export answered " + r.statusCode());
        }
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = r.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("export_bytes=%d%nexport_lines=%d%nexport_seconds=%.1f%nexport_rows_per_s=%.0f%n", bytes, lines, seconds,
                (lines - 1) / seconds);
    }

    /** The embedded PostgreSQL's superuser, with the password Tollgate generated ({@code pwfile=}). */
    static Connection db() throws Exception {
        String password = java.nio.file.Files.readString(java.nio.file.Path.of(arg("pwfile", null))).strip();
        return DriverManager.getConnection(arg("jdbc", null), "postgres", password);
    }

    static String day(int offset) {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(offset).toString();
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }
}
