import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The billing benchmark's load generator and checker (bench/billing/run.sh drives it). Every mode prints its results
 * as {@code key=value} lines on stdout; progress goes to stderr. Runs as a single source file on the Tollgate jar's
 * class path (PostgreSQL driver, Jackson):
 *
 * <pre>
 *   java -cp bootstrap/target/tollgate.jar bench/billing/BillingLoad.java MODE key=value ...
 *
 *   setup          meters m_calls (COUNT), m_tokens (SUM $.tokens), m_storage (SUM $.gb), m_cost (SUM $.cost),
 *                  m_jobs (COUNT) and one feature per meter (f_calls ...)
 *   plan           the period-end plan `plan` (5 usage-based rate cards + 1 flat fee in arrears, monthly) through the
 *                  API (POST /api/v1/plans, then publish)
 *   customers      `count` customers `prefix`-0 .. (subject = key) from `threads` threads, each with a subscription to the
 *                  plan `plan` (POST /api/v1/customers, POST /api/v1/subscriptions, timing immediate)
 *   backdate       SQL: moves every subscription to the plan `plan` back to start at `start`, and the first period's
 *                  lines planned at creation to [`start`, `end`), due at `end`; the next planning is due at `end` (the API
 *                  refuses a start more than 2 minutes in the past); `analyze=before` refreshes the tables' statistics
 *                  before instead of after (on a running Tollgate the period ends at the commit)
 *   live-customer  the customer `live-0` with the live plan's 10 usage lines pending for [`from`, `to`); prints the
 *                  gathering invoice's id
 *   load           `events` events with SQL over the subjects `prefix`-0 .. `prefix`-(customers-1), over `days` days
 *                  from `start`; the event type rotates per subject (4 call : 2 storage : 2 cost : 2 job)
 *   live-measure   p50/p99 of GET the gathering invoice, POST simulate with the same lines and the SQL quantities,
 *                  and the raw SQL that sums the same events for the 10 lines; checks every line's total to the cent
 *   await          polls SQL until `expected` invoices of the `prefix` customers are paid; with `killAt` it SIGKILLs
 *                  Tollgate (found by `marker`) as soon as that many exist and it is ready, and returns; polls every
 *                  `pollMs` (200)
 *   profile        where the invoice worker's thread spent its samples in a JFR recording (`jfr`): inclusive
 *                  share of each Tollgate method, Java and native (JDBC waits) samples together
 *   stats          PostgreSQL's per-table row and scan counters; with `before` (an earlier output) and `per`, the
 *                  difference divided by `per` (work per invoice)
 *   statements     pg_stat_statements: `action=enable` preloads it from PostgreSQL's next start, `reset` starts
 *                  counting, `report` prints the statements that took the database's time since, per `per` invoices
 *   verify         counts invoices and lines, looks for duplicates and compares every stored invoice total with the
 *                  total computed here from the raw events and the line prices (never from Tollgate's numbers)
 * </pre>
 */
public class BillingLoad {
    private static final ThreadLocal<RawHttp> HTTP = ThreadLocal.withInitial(RawHttp::new);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CENTS = 2;
    private static Map<String, String> args;

    public static void main(String[] argv) throws Exception {
        args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            args.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        switch (argv[0]) {
            case "setup" -> setup();
            case "plan" -> plan();
            case "customers" -> customers();
            case "backdate" -> backdate();
            case "live-customer" -> liveCustomer();
            case "load" -> load();
            case "live-measure" -> liveMeasure();
            case "await" -> await();
            case "verify" -> verify();
            case "profile" -> profile();
            case "stats" -> stats();
            case "statements" -> statements();
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

    private static Connection db() throws Exception {
        String password = Files.readString(Path.of(arg("pwfile", null))).strip();
        return DriverManager.getConnection(arg("jdbc", null), "postgres", password);
    }

    // ---- the plans ---------------------------------------------------------------------------------------------------

    /** A pending line: its name, feature (null for flat), rate card JSON and how this program prices it independently. */
    record Line(String name, String feature, String rateCard, Pricing pricing) {
    }

    interface Pricing {
        BigDecimal total(BigDecimal quantity);
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static BigDecimal r(BigDecimal v) {
        return v.setScale(CENTS, RoundingMode.HALF_UP);
    }

    /**
     * OpenMeter's documented order, written out again here: price components (each rounded to the cent), the
     * percentage discount off each component (rounded), the maximum spend over the components in order, then the
     * minimum spend topping the net up.
     */
    static BigDecimal adjust(List<BigDecimal> components, BigDecimal percentage, BigDecimal maximum, BigDecimal minimum) {
        BigDecimal charged = r(BigDecimal.ZERO);
        for (BigDecimal amount : components) {
            BigDecimal net = amount;
            if (percentage != null) {
                net = net.subtract(r(amount.multiply(percentage).movePointLeft(2)));
            }
            if (maximum != null) {
                BigDecimal room = r(maximum).subtract(charged).max(BigDecimal.ZERO);
                net = net.subtract(net.subtract(room).max(BigDecimal.ZERO));
            }
            charged = charged.add(net);
        }
        if (minimum != null && charged.compareTo(r(minimum)) < 0) {
            charged = r(minimum);
        }
        return r(charged);
    }

    static Pricing unit(String price, String pct, String free, String min, String max) {
        return q -> adjust(List.of(r(free(q, free).multiply(d(price)))), dec(pct), dec(max), dec(min));
    }

    static Pricing pkg(String amount, String per, String pct, String free, String min, String max) {
        return q -> adjust(List.of(r(free(q, free).divide(d(per), 0, RoundingMode.CEILING).multiply(d(amount)))), dec(pct), dec(max), dec(min));
    }

    static Pricing dynamic(String multiplier, String pct, String min, String max) {
        return q -> adjust(List.of(r(q.multiply(d(multiplier)))), dec(pct), dec(max), dec(min));
    }

    /** tiers: {upTo or null, flat or null, unit or null} */
    static Pricing graduated(String[][] tiers, String pct, String min, String max) {
        return q -> {
            List<BigDecimal> parts = new ArrayList<>();
            BigDecimal lower = BigDecimal.ZERO;
            for (int i = 0; i < tiers.length; i++) {
                if (i > 0 && q.compareTo(lower) <= 0) {
                    break;
                }
                BigDecimal upper = tiers[i][0] == null ? q : d(tiers[i][0]).min(q);
                if (tiers[i][1] != null) {
                    parts.add(r(d(tiers[i][1])));
                }
                if (tiers[i][2] != null) {
                    parts.add(r(upper.subtract(lower).max(BigDecimal.ZERO).multiply(d(tiers[i][2]))));
                }
                if (tiers[i][0] == null) {
                    break;
                }
                lower = d(tiers[i][0]);
            }
            return adjust(parts, dec(pct), dec(max), dec(min));
        };
    }

    static Pricing volume(String[][] tiers, String pct, String min, String max) {
        return q -> {
            int i = 0;
            while (tiers[i][0] != null && q.compareTo(d(tiers[i][0])) > 0) {
                i++;
            }
            List<BigDecimal> parts = new ArrayList<>();
            if (tiers[i][1] != null) {
                parts.add(r(d(tiers[i][1])));
            }
            if (tiers[i][2] != null && q.signum() != 0) {
                parts.add(r(q.multiply(d(tiers[i][2]))));
            }
            return adjust(parts, dec(pct), dec(max), dec(min));
        };
    }

    static BigDecimal free(BigDecimal q, String free) {
        return free == null ? q : q.subtract(d(free).min(q));
    }

    static BigDecimal dec(String s) {
        return s == null ? null : d(s);
    }

    static String tiersJson(String[][] tiers) {
        List<String> out = new ArrayList<>();
        for (String[] t : tiers) {
            out.add("{" + (t[0] == null ? "" : "\"upToAmount\":\"" + t[0] + "\",")
                    + "\"flatPrice\":" + (t[1] == null ? "null" : "{\"type\":\"flat\",\"amount\":\"" + t[1] + "\"}")
                    + ",\"unitPrice\":" + (t[2] == null ? "null" : "{\"type\":\"unit\",\"amount\":\"" + t[2] + "\"}") + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    static String card(String feature, String price, String pct, String free) {
        List<String> discounts = new ArrayList<>();
        if (pct != null) {
            discounts.add("\"percentage\":{\"percentage\":" + pct + "}");
        }
        if (free != null) {
            discounts.add("\"usage\":{\"quantity\":\"" + free + "\"}");
        }
        return "{" + (feature == null ? "" : "\"featureKey\":\"" + feature + "\",") + "\"price\":" + price
                + (discounts.isEmpty() ? "" : ",\"discounts\":{" + String.join(",", discounts) + "}") + "}";
    }

    static String commit(String min, String max) {
        return (min == null ? "" : ",\"minimumAmount\":\"" + min + "\"") + (max == null ? "" : ",\"maximumAmount\":\"" + max + "\"");
    }

    static Line unitLine(String name, String feature, String price, String pct, String free, String min, String max) {
        return new Line(name, feature, card(feature, "{\"type\":\"unit\",\"amount\":\"" + price + "\"" + commit(min, max) + "}", pct, free),
                unit(price, pct, free, min, max));
    }

    static Line packageLine(String name, String feature, String amount, String per, String pct, String free, String min, String max) {
        return new Line(name, feature, card(feature, "{\"type\":\"package\",\"amount\":\"" + amount + "\",\"quantityPerPackage\":\"" + per + "\""
                + commit(min, max) + "}", pct, free), pkg(amount, per, pct, free, min, max));
    }

    static Line dynamicLine(String name, String feature, String multiplier, String pct, String min, String max) {
        return new Line(name, feature, card(feature, "{\"type\":\"dynamic\",\"multiplier\":\"" + multiplier + "\"" + commit(min, max) + "}", pct, null),
                dynamic(multiplier, pct, min, max));
    }

    static Line tieredLine(String name, String feature, String mode, String[][] tiers, String pct, String min, String max) {
        return new Line(name, feature, card(feature, "{\"type\":\"tiered\",\"mode\":\"" + mode + "\",\"tiers\":" + tiersJson(tiers)
                + commit(min, max) + "}", pct, null), mode.equals("volume") ? volume(tiers, pct, min, max) : graduated(tiers, pct, min, max));
    }

    /** One customer's live usage: 10 usage-based lines over the 5 features, every price type, discounts and commitments. */
    static final List<Line> LIVE = List.of(
            unitLine("Calls (unit, 10% off)", "f_calls", "0.0005", "10", null, null, null),
            tieredLine("Calls (graduated)", "f_calls", "graduated",
                    new String[][] {{"100000", null, "0.001"}, {"300000", "10", "0.0008"}, {null, null, "0.0005"}}, null, null, null),
            tieredLine("Tokens (volume)", "f_tokens", "volume",
                    new String[][] {{"1000000", null, "0.00002"}, {"50000000", "25", "0.00001"}, {null, null, "0.000008"}}, null, null, null),
            packageLine("Tokens (package, max 150)", "f_tokens", "0.25", "10000", null, null, null, "150"),
            dynamicLine("Compute (dynamic x1.25)", "f_cost", "1.25", null, null, null),
            dynamicLine("Compute (dynamic, 5% off, max 5000)", "f_cost", "1", "5", null, "5000"),
            unitLine("Storage (unit, min 1000)", "f_storage", "0.001", null, null, "1000", null),
            tieredLine("Storage (graduated, max 500)", "f_storage", "graduated",
                    new String[][] {{"100000", null, "0.002"}, {null, "1", "0.001"}}, null, null, "500"),
            unitLine("Jobs (unit, 50000 free)", "f_jobs", "0.003", null, "50000", null, null),
            packageLine("Jobs (package, 20% off, min 100)", "f_jobs", "1.5", "1000", "20", null, "100", null));

    /** Every period-end customer's plan: 5 usage-based lines and a flat fee. */
    static final List<Line> PERIOD_END = List.of(
            unitLine("API calls", "f_calls", "0.0133", "10", null, null, null),
            tieredLine("Tokens", "f_tokens", "graduated", new String[][] {{"10000", null, "0.0001"}, {null, "0.5", "0.00005"}}, null, null, null),
            tieredLine("Storage", "f_storage", "volume",
                    new String[][] {{"500", null, "0.05"}, {"1000", "2", "0.04"}, {null, null, "0.03"}}, null, "30", null),
            dynamicLine("Compute", "f_cost", "1.15", null, null, "10"),
            packageLine("Jobs", "f_jobs", "0.75", "25", null, "10", null, null),
            new Line("Platform fee", null, "{\"price\":{\"type\":\"flat\",\"amount\":\"19.99\",\"paymentTerm\":\"in_arrears\"}}", q -> d("19.99")));

    /** The period-end plan's rate card keys, in the order of PERIOD_END. */
    static final List<String> PERIOD_END_KEYS = List.of("f_calls", "f_tokens", "f_storage", "f_cost", "f_jobs", "platform"); // a usage card is keyed by its feature

    /** What each feature's meter measures, as plain SQL over metering.events (the reference). */
    static final Map<String, String[]> FEATURE_SQL = Map.of(
            "f_calls", new String[] {"bench.call", "count(*)"},
            "f_tokens", new String[] {"bench.call", "coalesce(sum((data->>'tokens')::numeric), 0)"},
            "f_storage", new String[] {"bench.storage", "coalesce(sum((data->>'gb')::numeric), 0)"},
            "f_cost", new String[] {"bench.cost", "coalesce(sum((data->>'cost')::numeric), 0)"},
            "f_jobs", new String[] {"bench.job", "count(*)"});

    // ---- setup -------------------------------------------------------------------------------------------------------

    private static void setup() throws Exception {
        RawHttp http = HTTP.get();
        String[][] meters = {
                {"m_calls", "COUNT", "bench.call", null}, {"m_tokens", "SUM", "bench.call", "$.tokens"},
                {"m_storage", "SUM", "bench.storage", "$.gb"}, {"m_cost", "SUM", "bench.cost", "$.cost"}, {"m_jobs", "COUNT", "bench.job", null}};
        for (String[] m : meters) {
            expect(http.exchange("POST", "/api/v1/meters", "application/json", "{\"slug\":\"" + m[0] + "\",\"name\":\"" + m[0]
                    + "\",\"aggregation\":\"" + m[1] + "\",\"eventType\":\"" + m[2] + "\"" + (m[3] == null ? "" : ",\"valueProperty\":\"" + m[3] + "\"")
                    + "}"), 201, "meter " + m[0]);
            String feature = "f_" + m[0].substring(2);
            expect(http.exchange("POST", "/api/v1/features", "application/json", "{\"key\":\"" + feature + "\",\"name\":\"" + feature
                    + "\",\"meterSlug\":\"" + m[0] + "\"}"), 201, "feature " + feature);
        }
        System.out.println("meters=" + meters.length);
    }

    private static Response expect(Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    private static String linesJson(List<Line> plan, String from, String to, String invoiceAt, BigDecimal[] quantities) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Line l = plan.get(i);
            lines.add("{\"name\":\"" + l.name() + "\",\"period\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},\"invoiceAt\":\"" + invoiceAt
                    + "\"" + (quantities == null ? "" : ",\"quantity\":\"" + quantities[i].toPlainString() + "\"") + ",\"rateCard\":" + l.rateCard() + "}");
        }
        return "{\"currency\":\"USD\",\"lines\":[" + String.join(",", lines) + "]}";
    }

    private static void customer(String key, List<Line> plan) throws IOException {
        RawHttp http = HTTP.get();
        expect(http.exchange("POST", "/api/v1/customers", "application/json", "{\"name\":\"" + key + "\",\"key\":\"" + key
                + "\",\"usageAttribution\":{\"subjectKeys\":[\"" + key + "\"]}}"), 201, "customer " + key);
    }

    /** The period-end plan: every PERIOD_END line as a monthly rate card (usage-based, or the flat fee billed in arrears). */
    private static void plan() throws Exception {
        String key = arg("plan", "pe_plan");
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < PERIOD_END.size(); i++) {
            Line l = PERIOD_END.get(i);
            String body = l.rateCard().substring(1, l.rateCard().length() - 1); // the line's rate card fields, reused as they are
            cards.add("{\"type\":\"" + (l.feature() == null ? "flat_fee" : "usage_based") + "\",\"key\":\"" + PERIOD_END_KEYS.get(i)
                    + "\",\"name\":\"" + l.name() + "\",\"billingCadence\":\"P1M\"," + body + "}");
        }
        RawHttp http = HTTP.get();
        JsonNode created = JSON.readTree(expect(http.exchange("POST", "/api/v1/plans", "application/json", "{\"key\":\"" + key
                + "\",\"name\":\"" + key + "\",\"currency\":\"USD\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"main\",\"name\":\"Main\","
                + "\"duration\":null,\"rateCards\":[" + String.join(",", cards) + "]}]}"), 201, "plan " + key).body());
        expect(http.exchange("POST", "/api/v1/plans/" + created.get("id").asText() + "/publish", null, null), 200, "publish " + key);
        System.out.println("plan=" + key);
        System.out.println("rate_cards=" + cards.size());
    }

    private static void customers() throws Exception {
        int count = intArg("count", 10000);
        int threads = intArg("threads", 4);
        String prefix = arg("prefix", "pe");
        String plan = arg("plan", "pe_plan");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String key = prefix + "-" + i;
                    customer(key, PERIOD_END);
                    expect(HTTP.get().exchange("POST", "/api/v1/subscriptions", "application/json", "{\"customerKey\":\"" + key
                            + "\",\"plan\":{\"key\":\"" + plan + "\"},\"timing\":\"immediate\"}"), 201, "subscription of " + key);
                    int n = done.incrementAndGet();
                    if (n % 1000 == 0) {
                        System.err.printf("[customers] %,d / %,d%n", n, count);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.println("customers=" + count);
        System.out.println("elapsed_s=" + String.format("%.1f", s));
        System.out.println("customers_per_s=" + Math.round(count / s));
    }

    /**
     * Moves the plan's subscriptions back to {@code start} (the API accepts a start at most 2 minutes back): their start,
     * billing anchor and the phases' and items' starts in the stored terms, and the first period's lines planned when
     * they were created (SubscriptionLineSync) to that period, [{@code start}, {@code end}), due at its end — as if
     * planned a month ago. Their next planning is due at {@code end}, when the second period begins: the worker's round
     * at the period end plans the second period's lines and invoices the first period's, as it would on the day.
     */
    private static void backdate() throws Exception {
        String plan = arg("plan", "pe_plan");
        String start = java.time.Instant.parse(arg("start", null)).toString();
        String end = java.time.Instant.parse(arg("end", null)).toString();
        long t0 = System.nanoTime();
        // analyze=before: on a running Tollgate the period ends the moment this commits, and the worker starts at once;
        // statistics are brought up to date first (autovacuum's job on a running system), not during the round.
        boolean analyzeBefore = "before".equals(arg("analyze", "after"));
        try (Connection db = db()) {
            if (analyzeBefore) {
                analyzeBillingTables(db);
            }
            boolean resetStatements = "1".equals(arg("resetStatements", "0"));
            if (resetStatements) {
                try (Statement s = db.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
            db.setAutoCommit(false);
            int subscriptions;
            int lines;
            int gathering;
            try (PreparedStatement s = db.prepareStatement("""
                    UPDATE billing.subscriptions s SET active_from = ?::timestamptz, billing_anchor = ?::timestamptz,
                           terms = jsonb_build_object('phases', (
                               SELECT jsonb_agg(jsonb_set(p, '{activeFrom}', to_jsonb(?::text)) || jsonb_build_object('items', (
                                          SELECT jsonb_agg(jsonb_set(it, '{activeFrom}', to_jsonb(?::text))) FROM jsonb_array_elements(p->'items') it)))
                               FROM jsonb_array_elements(s.terms->'phases') p))
                    WHERE plan_key = ? AND deleted_at IS NULL""")) {
                s.setString(1, start);
                s.setString(2, start);
                s.setString(3, start);
                s.setString(4, start);
                s.setString(5, plan);
                subscriptions = s.executeUpdate();
            }
            String ofPlan = "SELECT i.id FROM billing.invoices i WHERE i.state = 'gathering' AND (i.namespace, i.customer_id) IN"
                    + " (SELECT namespace, customer_id FROM billing.subscriptions WHERE plan_key = ?)";
            // Exactly what planning makes for the first period (sameTerms: period, invoiceAt, rate card, name), so the
            // round's planning keeps these lines as they are.
            try (PreparedStatement s = db.prepareStatement("UPDATE billing.invoice_lines SET period_from = ?::timestamptz,"
                    + " period_to = ?::timestamptz, service_from = ?::timestamptz, service_to = ?::timestamptz, invoice_at = ?::timestamptz,"
                    + " subscription = jsonb_set(subscription, '{billingPeriod}', jsonb_build_object('from', ?::text, 'to', ?::text))"
                    + " WHERE invoice_id IN (" + ofPlan + ")")) {
                s.setString(1, start);
                s.setString(2, end);
                s.setString(3, start);
                s.setString(4, end);
                s.setString(5, end);
                s.setString(6, start);
                s.setString(7, end);
                s.setString(8, plan);
                lines = s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("UPDATE billing.invoices SET next_line_at = ?::timestamptz WHERE id IN (" + ofPlan + ")")) {
                s.setString(1, end);
                s.setString(2, plan);
                gathering = s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("UPDATE billing.subscription_line_sync SET next_sync_at = ?::timestamptz"
                    + " WHERE subscription_id IN (SELECT id FROM billing.subscriptions WHERE plan_key = ?)")) {
                s.setString(1, end);
                s.setString(2, plan);
                if (s.executeUpdate() != subscriptions) {
                    throw new IllegalStateException("not every subscription had its line planning scheduled");
                }
            }
            if (lines != subscriptions * PERIOD_END.size() || gathering != subscriptions) {
                throw new IllegalStateException(subscriptions + " subscriptions, but " + lines + " lines planned at creation on " + gathering
                        + " gathering invoices");
            }
            db.commit();
            db.setAutoCommit(true);
            // On a running Tollgate the round starts within a second of the commit: the counters of the work it does
            // start here, milliseconds later (not after another JVM has started).
            if (args.containsKey("statsTo")) {
                writeCounters(counters(db), Path.of(arg("statsTo", null)));
            }
            if (resetStatements) {
                try (Statement s = db.createStatement()) {
                    s.execute("SELECT pg_stat_statements_reset()");
                }
            }
            if (!analyzeBefore) {
                analyzeBillingTables(db);
            }
            System.out.println("subscriptions=" + subscriptions);
            System.out.println("lines_backdated=" + lines);
            System.out.println("gathering_invoices=" + gathering);
        }
        System.out.println("elapsed_s=" + String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    }

    /** Statistics as autovacuum keeps them on a running system (the tables were filled seconds ago). */
    private static void analyzeBillingTables(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE billing.invoices, billing.invoice_lines, billing.subscriptions, billing.subscription_line_sync,"
                    + " tenancy.customers");
        }
    }

    private static void liveCustomer() throws Exception {
        customer("live-0", LIVE);
        Response created = expect(HTTP.get().exchange("POST", "/api/v1/billing/customers/live-0/invoices/pending-lines", "application/json",
                linesJson(LIVE, arg("from", null), arg("to", null), arg("to", null), null)), 201, "live pending lines");
        JsonNode node = JSON.readTree(created.body());
        System.out.println("gathering=" + node.get("invoice").get("id").asText());
        System.out.println("lines=" + node.get("lines").size());
    }

    // ---- events ------------------------------------------------------------------------------------------------------

    private static void load() throws Exception {
        long events = Long.parseLong(arg("events", "10000000"));
        int customers = intArg("customers", 10000);
        long chunk = 500_000;
        long started = System.nanoTime();
        try (Connection db = db()) {
            String namespace = namespace(db);
            // Event k of a subject (k = g / customers) has type k % 10: 0-3 call, 4-5 storage, 6-7 cost, 8-9 job; times
            // spread pseudo-randomly over the days, subjects interleaved as live ingestion would store them.
            try (PreparedStatement s = db.prepareStatement("""
                    INSERT INTO metering.events (namespace, source, id, type, subject, time, data, ingested_at)
                    SELECT ?::uuid, 'bench-billing', ? || '-' || g, t.type, ? || '-' || (g % ?),
                           ?::timestamptz + ((g * 7919) % (? * 86400)) * interval '1 second', t.data, now()
                    FROM generate_series(?::bigint, ?::bigint) g
                    CROSS JOIN LATERAL (SELECT CASE WHEN k < 4 THEN 'bench.call' WHEN k < 6 THEN 'bench.storage'
                                                    WHEN k < 8 THEN 'bench.cost' ELSE 'bench.job' END AS type,
                                               CASE WHEN k < 4 THEN jsonb_build_object('tokens', g % 97 + 1)
                                                    WHEN k < 6 THEN jsonb_build_object('gb', g % 5 + 1)
                                                    WHEN k < 8 THEN jsonb_build_object('cost', round((g % 1000) / 10000.0, 4))
                                                    ELSE '{}'::jsonb END AS data
                                        FROM (SELECT (g / ?) % 10 AS k) kk) t""")) {
                String prefix = arg("prefix", "pe");
                for (long from = 0; from < events; from += chunk) {
                    long to = Math.min(events, from + chunk) - 1;
                    s.setString(1, namespace);
                    s.setString(2, prefix);
                    s.setString(3, prefix);
                    s.setInt(4, customers);
                    s.setString(5, arg("start", null));
                    s.setInt(6, intArg("days", 31));
                    s.setLong(7, from);
                    s.setLong(8, to);
                    s.setInt(9, customers);
                    s.executeUpdate();
                    System.err.printf("[load] %,d / %,d events%n", to + 1, events);
                }
            }
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE metering.events");
            }
        }
        System.out.println("loaded=" + events);
        System.out.println("elapsed_s=" + String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }

    // ---- 1. live pricing ---------------------------------------------------------------------------------------------

    private static void liveMeasure() throws Exception {
        int samples = intArg("samples", 500);
        int warmup = intArg("warmup", 50);
        String gathering = arg("gathering", null);
        String from = arg("from", null);
        String to = arg("to", null);
        try (Connection db = db()) {
            String namespace = namespace(db);
            PreparedStatement[] perLine = new PreparedStatement[LIVE.size()];
            for (int i = 0; i < LIVE.size(); i++) {
                String[] what = FEATURE_SQL.get(LIVE.get(i).feature());
                // The same events the meter reads: one namespace, the event type, the customer's subject, the period,
                // through the same covering index (every event here is compact: its data is in the index).
                perLine[i] = db.prepareStatement("SELECT " + what[1] + " FROM metering.events WHERE namespace = ?::uuid AND type = '" + what[0]
                        + "' AND subject = 'live-0' AND time >= ?::timestamptz AND time < ?::timestamptz AND compact");
                perLine[i].setString(1, namespace);
                perLine[i].setString(2, from);
                perLine[i].setString(3, to);
            }
            BigDecimal[] quantities = new BigDecimal[LIVE.size()];
            long[] sql = new long[samples];
            long[] get = new long[samples];
            RawHttp http = HTTP.get();
            int checked = 0;
            // GET the gathering invoice (10 meter queries) and the same 10 sums in SQL, interleaved sample by sample.
            for (int i = -warmup; i < samples; i++) {
                long t0 = System.nanoTime();
                for (int l = 0; l < perLine.length; l++) {
                    try (ResultSet rs = perLine[l].executeQuery()) {
                        rs.next();
                        quantities[l] = rs.getBigDecimal(1).stripTrailingZeros();
                    }
                }
                long t1 = System.nanoTime();
                Response shown = expect(http.exchange("GET", "/api/v1/billing/invoices/" + gathering, null, null), 200, "GET gathering");
                long t2 = System.nanoTime();
                if (i >= 0) {
                    sql[i] = t1 - t0;
                    get[i] = t2 - t1;
                }
                if (i == -warmup || i == samples - 1) {
                    checked += check(JSON.readTree(shown.body()), quantities, "GET");
                }
            }
            // Simulation: the same lines with the quantities given; no meter is read.
            int simSamples = intArg("simSamples", 300);
            int simWarmup = intArg("simWarmup", 30);
            long[] sim = new long[simSamples];
            String simulate = linesJson(LIVE, from, to, to, quantities);
            for (int i = -simWarmup; i < simSamples; i++) {
                long t0 = System.nanoTime();
                Response simulated = expect(http.exchange("POST", "/api/v1/billing/customers/live-0/invoices/simulate", "application/json",
                        simulate), 200, "simulate");
                long t1 = System.nanoTime();
                if (i >= 0) {
                    sim[i] = t1 - t0;
                }
                if (i == -simWarmup || i == simSamples - 1) {
                    checked += check(JSON.readTree(simulated.body()), quantities, "simulate");
                }
            }
            Arrays.sort(sql);
            Arrays.sort(get);
            Arrays.sort(sim);
            StringBuilder q = new StringBuilder();
            BigDecimal expected = BigDecimal.ZERO;
            for (int l = 0; l < LIVE.size(); l++) {
                q.append(l == 0 ? "" : ",").append(quantities[l].toPlainString());
                expected = expected.add(LIVE.get(l).pricing().total(quantities[l]));
            }
            long events;
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM metering.events WHERE subject = 'live-0'")) {
                rs.next();
                events = rs.getLong(1);
            }
            System.out.println("samples=" + samples);
            System.out.println("simulate_samples=" + simSamples);
            System.out.println("customer_events=" + events);
            System.out.println("quantities=" + q);
            System.out.println("expected_total=" + r(expected).toPlainString());
            System.out.println("line_totals_checked=" + checked);
            System.out.println("get_p50_ms=" + ms(percentile(get, 50)));
            System.out.println("get_p99_ms=" + ms(percentile(get, 99)));
            System.out.println("get_max_ms=" + ms(get[samples - 1]));
            System.out.println("simulate_p50_ms=" + ms(percentile(sim, 50)));
            System.out.println("simulate_p99_ms=" + ms(percentile(sim, 99)));
            System.out.println("simulate_max_ms=" + ms(sim[simSamples - 1]));
            System.out.println("sql_p50_ms=" + ms(percentile(sql, 50)));
            System.out.println("sql_p99_ms=" + ms(percentile(sql, 99)));
            System.out.println("sql_max_ms=" + ms(sql[samples - 1]));
        }
    }

    /** Every line's quantity and total, and the invoice's total, equal what this program computes: else it fails. */
    private static int check(JsonNode invoice, BigDecimal[] quantities, String what) {
        JsonNode lines = invoice.get("lines");
        if (lines == null || lines.size() != LIVE.size()) {
            throw new IllegalStateException(what + ": expected " + LIVE.size() + " lines: " + invoice);
        }
        BigDecimal sum = BigDecimal.ZERO;
        int checked = 0;
        for (JsonNode line : lines) {
            int l = indexOf(LIVE, line.get("name").asText());
            BigDecimal expected = LIVE.get(l).pricing().total(quantities[l]);
            BigDecimal actual = new BigDecimal(line.get("totals").get("total").asText());
            String quantity = line.has("meteredQuantity") ? line.get("meteredQuantity").asText() : line.path("quantity").asText();
            if (actual.compareTo(expected) != 0 || new BigDecimal(quantity).compareTo(quantities[l]) != 0) {
                throw new IllegalStateException(what + ": line '" + LIVE.get(l).name() + "' quantity " + quantity + " total " + actual
                        + ", expected quantity " + quantities[l] + " total " + expected);
            }
            sum = sum.add(expected);
            checked++;
        }
        BigDecimal total = new BigDecimal(invoice.get("totals").get("total").asText());
        if (total.compareTo(sum) != 0) {
            throw new IllegalStateException(what + ": invoice total " + total + ", expected " + sum);
        }
        return checked;
    }

    private static int indexOf(List<Line> plan, String name) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown line " + name);
    }

    // ---- 2. and 3. period end ----------------------------------------------------------------------------------------

    private static final String OF_PREFIX = " AND i.customer->>'key' LIKE ? ";

    private static void await() throws Exception {
        int expected = intArg("expected", 10000);
        int timeout = intArg("timeout", 1800);
        int killAt = intArg("killAt", 0);
        long launched = Long.parseLong(arg("launchedMs", String.valueOf(System.currentTimeMillis())));
        String like = arg("prefix", "pe") + "-%";
        int pollMs = intArg("pollMs", 200);
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
        long firstInvoice = -1;
        long allCreated = -1;
        long allPaid = -1;
        int created = 0;
        int paid = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*), count(*) FILTER (WHERE state = 'paid') FROM billing.invoices i"
                + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL" + OF_PREFIX)) {
            s.setString(1, like);
            int lastReported = -1;
            while (System.currentTimeMillis() - launched < timeout * 1000L) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    created = rs.getInt(1);
                    paid = rs.getInt(2);
                } catch (Exception tablesNotYet) {
                    created = 0; // the schema is being migrated
                }
                long at = System.currentTimeMillis() - launched;
                if (created > 0 && firstInvoice < 0) {
                    firstInvoice = at;
                }
                if (created >= expected && allCreated < 0) {
                    allCreated = at;
                }
                if (killAt > 0 && created >= killAt && created < expected && ready()) {
                    ProcessHandle victim = tollgate(arg("marker", null));
                    victim.destroyForcibly(); // SIGKILL on Linux: kill -9
                    System.out.println("killed_pid=" + victim.pid());
                    System.out.println("killed_at_ms=" + at);
                    System.out.println("invoices_when_killed=" + created);
                    System.out.println("paid_when_killed=" + paid);
                    return;
                }
                if (paid >= expected) {
                    allPaid = at;
                    break;
                }
                if (created / 1000 != lastReported) {
                    lastReported = created / 1000;
                    System.err.printf("[await] %,d invoices, %,d paid after %.1f s%n", created, paid, at / 1000.0);
                }
                // The poll is a sequential scan of the invoices (a filter on the customer snapshot's key): once a
                // second while the worker is measured, so it takes little of the machine; the spans come from the
                // database's timestamps, not from the poll.
                Thread.sleep(killAt > 0 ? 20 : pollMs);
            }
        }
        System.out.println("invoices=" + created);
        System.out.println("paid=" + paid);
        System.out.println("first_invoice_ms=" + firstInvoice);
        System.out.println("all_created_ms=" + allCreated);
        System.out.println("all_paid_ms=" + allPaid);
        // On the database's clock: the round's first planned line (the worker plans the subscriptions' lines first, then
        // invoices), the first invoice, the last line planned and the last invoice's last change.
        String planned = "FROM billing.invoice_lines l JOIN billing.invoices g ON g.id = l.invoice_id WHERE g.customer->>'key' LIKE ?"
                + " AND l.period_from >= '" + arg("periodEnd", null) + "'::timestamptz"; // the next period's lines, planned in the round
        try (PreparedStatement s = db.prepareStatement("SELECT extract(epoch FROM max(i.updated_at) - (SELECT min(l.created_at) " + planned + ")),"
                + " extract(epoch FROM max(i.updated_at) - min(i.created_at)),"
                + " (SELECT extract(epoch FROM max(l.created_at) - min(l.created_at)) " + planned + ")"
                + " FROM billing.invoices i WHERE i.state <> 'gathering'" + OF_PREFIX)) {
            s.setString(1, like);
            s.setString(2, like);
            s.setString(3, like);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                System.out.println("db_span_s=" + rs.getBigDecimal(1).setScale(2, RoundingMode.HALF_UP));
                System.out.println("invoice_span_s=" + rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP));
                System.out.println("planning_span_s=" + rs.getBigDecimal(3).setScale(2, RoundingMode.HALF_UP));
            }
        }
        try (PreparedStatement s = db.prepareStatement("SELECT state, count(*) FROM billing.invoices i WHERE true" + OF_PREFIX
                + " GROUP BY 1 ORDER BY 1")) {
            s.setString(1, like);
            StringBuilder states = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.append(states.length() == 0 ? "" : ",").append(rs.getString(1)).append(':').append(rs.getLong(2));
                }
            }
            System.out.println("states=" + states);
        }
        db.close();
    }

    /** Tollgate's JVM: the one process whose arguments carry this run's unique marker (-Dbench.instance=...). */
    private static ProcessHandle tollgate(String marker) {
        List<ProcessHandle> found = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> Arrays.asList(a).contains("-Dbench.instance=" + marker)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one Tollgate with marker " + marker + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Whether the script has seen Tollgate ready (it writes readyFile) and it answers its health check. */
    private static boolean ready() {
        if (!Files.exists(Path.of(arg("readyFile", null)))) {
            return false;
        }
        try {
            return HTTP.get().exchange("GET", "/v1/health", null, null).status() == 200;
        } catch (Exception e) {
            HTTP.remove();
            return false;
        }
    }

    private static long single(Connection db, String sql, String like) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (like != null) {
                s.setString(1, like);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void verify() throws Exception {
        int customers = intArg("customers", 10000);
        String prefix = arg("prefix", "pe");
        String like = prefix + "-%";
        String from = arg("from", null);
        String to = arg("to", null);
        try (Connection db = db()) {
            String namespace = namespace(db);
            String ofPrefix = " FROM billing.invoices i WHERE i.state <> 'gathering' AND i.deleted_at IS NULL" + OF_PREFIX;
            long invoices = single(db, "SELECT count(*)" + ofPrefix, like);
            long invoiceCustomers = single(db, "SELECT count(DISTINCT i.customer_id)" + ofPrefix, like);
            long duplicateInvoices = single(db, "SELECT count(*) FROM (SELECT i.customer_id" + ofPrefix + " GROUP BY 1 HAVING count(*) > 1) d", like);
            long lines = single(db, "SELECT count(*) FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                    + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL" + OF_PREFIX, like);
            long distinctLines = single(db, "SELECT count(DISTINCT l.id) FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                    + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL" + OF_PREFIX, like);
            // A rate card's line of one period exists once, whether still pending or invoiced.
            long duplicateLines = single(db, "SELECT count(*) FROM (SELECT i.customer_id, l.name, l.period_from FROM billing.invoice_lines l"
                    + " JOIN billing.invoices i ON i.id = l.invoice_id WHERE i.deleted_at IS NULL" + OF_PREFIX
                    + " GROUP BY 1, 2, 3 HAVING count(*) > 1) d", like);
            // The next period's lines (planned at the period end, due at its end) stay pending; none of this period may.
            long stillPending;
            try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                    + " WHERE i.state = 'gathering' AND i.deleted_at IS NULL AND l.period_from < ?::timestamptz" + OF_PREFIX)) {
                s.setString(1, to);
                s.setString(2, like);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    stillPending = rs.getLong(1);
                }
            }
            long fromSubscriptions = single(db, "SELECT count(*) FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                    + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL AND l.managed_by = 'subscription' AND l.subscription IS NOT NULL"
                    + OF_PREFIX, like);
            long outsidePeriod = single(db, "SELECT count(*) FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                    + " WHERE i.state <> 'gathering' AND i.deleted_at IS NULL AND (l.period_from <> '" + from + "'::timestamptz OR l.period_to <> '"
                    + to + "'::timestamptz)" + OF_PREFIX, like);
            long notPaid = single(db, "SELECT count(*)" + ofPrefix + " AND i.state <> 'paid'", like);
            long duplicateNumbers = single(db, "SELECT count(*) FROM (SELECT i.number" + ofPrefix + " GROUP BY 1 HAVING count(*) > 1) d", like);
            long inconsistent = single(db, "SELECT count(*)" + ofPrefix + " AND i.total <> (SELECT coalesce(sum(l.total), 0)"
                    + " FROM billing.invoice_lines l WHERE l.invoice_id = i.id)", like);

            // The expected totals: raw event aggregates per subject and type over the period, priced by this program.
            long t0 = System.nanoTime();
            Map<String, BigDecimal[]> usage = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    SELECT subject, count(*) FILTER (WHERE type = 'bench.call'),
                           coalesce(sum((data->>'tokens')::numeric) FILTER (WHERE type = 'bench.call'), 0),
                           coalesce(sum((data->>'gb')::numeric) FILTER (WHERE type = 'bench.storage'), 0),
                           coalesce(sum((data->>'cost')::numeric) FILTER (WHERE type = 'bench.cost'), 0),
                           count(*) FILTER (WHERE type = 'bench.job')
                    FROM metering.events WHERE namespace = ?::uuid AND subject LIKE ? AND time >= ?::timestamptz AND time < ?::timestamptz
                    GROUP BY subject""")) {
                s.setString(1, namespace);
                s.setString(2, like);
                s.setString(3, from);
                s.setString(4, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        usage.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getBigDecimal(6), BigDecimal.ONE});
                    }
                }
            }
            Map<String, BigDecimal> stored = new TreeMap<>();
            try (PreparedStatement s = db.prepareStatement("SELECT i.customer->>'key', i.total" + ofPrefix)) {
                s.setString(1, like);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                    }
                }
            }
            int matched = 0;
            int mismatched = 0;
            int missing = 0;
            BigDecimal expectedSum = BigDecimal.ZERO;
            BigDecimal storedSum = BigDecimal.ZERO;
            List<String> examples = new ArrayList<>();
            BigDecimal[] none = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE};
            for (int c = 0; c < customers; c++) {
                String key = prefix + "-" + c;
                BigDecimal[] u = usage.getOrDefault(key, none);
                BigDecimal expected = BigDecimal.ZERO;
                for (int l = 0; l < PERIOD_END.size(); l++) {
                    expected = expected.add(PERIOD_END.get(l).pricing().total(u[l]));
                }
                expected = r(expected);
                expectedSum = expectedSum.add(expected);
                BigDecimal actual = stored.get(key);
                if (actual == null) {
                    missing++;
                    continue;
                }
                storedSum = storedSum.add(actual);
                if (actual.compareTo(expected) == 0) {
                    matched++;
                } else {
                    mismatched++;
                    if (examples.size() < 5) {
                        examples.add(key + ": stored " + actual + " expected " + expected + " (usage " + Arrays.toString(u) + ")");
                    }
                }
            }
            System.out.println("invoices=" + invoices);
            System.out.println("invoice_customers=" + invoiceCustomers);
            System.out.println("customers_with_two_invoices=" + duplicateInvoices);
            System.out.println("lines=" + lines);
            System.out.println("distinct_line_ids=" + distinctLines);
            System.out.println("customer_lines_duplicated=" + duplicateLines);
            System.out.println("lines_from_subscriptions=" + fromSubscriptions);
            System.out.println("lines_outside_period=" + outsidePeriod);
            System.out.println("lines_still_pending=" + stillPending);
            System.out.println("invoices_not_paid=" + notPaid);
            System.out.println("duplicate_invoice_numbers=" + duplicateNumbers);
            System.out.println("invoice_total_not_sum_of_lines=" + inconsistent);
            System.out.println("totals_matched=" + matched);
            System.out.println("totals_mismatched=" + mismatched);
            System.out.println("totals_missing=" + missing);
            System.out.println("expected_sum=" + expectedSum.toPlainString());
            System.out.println("stored_sum=" + storedSum.toPlainString());
            System.out.println("expected_computed_in_s=" + String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            for (String e : examples) {
                System.out.println("mismatch=" + e);
            }
            boolean ok = invoices == customers && invoiceCustomers == customers && duplicateInvoices == 0 && lines == (long) customers * PERIOD_END.size()
                    && distinctLines == lines && duplicateLines == 0 && stillPending == 0 && fromSubscriptions == lines && outsidePeriod == 0 && notPaid == 0 && duplicateNumbers == 0
                    && mismatched == 0 && missing == 0 && inconsistent == 0;
            System.out.println("verdict=" + (ok ? "ok" : "FAILED"));
        }
    }

    private static void profile() throws Exception {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> leaf = new HashMap<>();
        int samples = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(Path.of(arg("jfr", null)))) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            jdk.jfr.consumer.RecordedThread thread = e.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || e.getStackTrace() == null) {
                continue;
            }
            List<jdk.jfr.consumer.RecordedFrame> frames = e.getStackTrace().getFrames();
            // The job's own thread (claims, the loop) and the worker's pool threads (each customer or subscription).
            boolean worker = thread.getJavaName().startsWith("invoice-worker") || thread.getJavaName().startsWith("scheduled-executor")
                    && frames.stream().anyMatch(f -> f.getMethod().getType().getName().endsWith("InvoiceWorkflowJob"));
            if (!worker) {
                continue;
            }
            samples++;
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean first = true;
            for (jdk.jfr.consumer.RecordedFrame f : frames) {
                String name = f.getMethod().getType().getName();
                String method = name.substring(name.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                if (first) {
                    leaf.merge((type.equals("jdk.NativeMethodSample") ? "[native] " : "") + method, 1, Integer::sum);
                    first = false;
                }
                if (name.startsWith("dev.tollgate") && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        int total = samples;
        System.out.println("worker_samples=" + total);
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(intArg("top", 25))
                .forEach(en -> System.out.printf("inclusive %5.1f%% %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
        leaf.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(en -> System.out.printf("top-frame %5.1f%% %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }

    /** Which statements the database spent its time on: executions and time per invoice, the top ones by time. */
    private static void statements() throws Exception {
        try (Connection db = db(); Statement s = db.createStatement()) {
            switch (arg("action", "report")) {
                case "enable" -> s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
                case "reset" -> {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    s.execute("SELECT pg_stat_statements_reset()");
                }
                default -> {
                    double per = Double.parseDouble(arg("per", "1"));
                    try (ResultSet all = s.executeQuery("SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements")) {
                        all.next();
                        System.out.printf("statements_per_invoice=%.1f%nstatement_ms_per_invoice=%.2f%n", all.getLong(1) / per,
                                all.getDouble(2) / per);
                    }
                    System.out.println("statement: calls/invoice ms/invoice mean_ms rows/call query");
                    try (ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')"
                            + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25")) {
                        while (rs.next()) {
                            String query = rs.getString(5);
                            System.out.printf("statement: %.1f %.3f %.3f %.1f %s%n", rs.getLong(1) / per, rs.getDouble(2) / per, rs.getDouble(3),
                                    rs.getLong(4) / (double) Math.max(1, rs.getLong(1)), query.length() > 150 ? query.substring(0, 150) + "…" : query);
                        }
                    }
                }
            }
        }
    }

    private static void stats() throws Exception {
        Map<String, long[]> now;
        try (Connection db = db()) {
            now = counters(db);
        }
        if (!args.containsKey("before")) {
            now.forEach((table, v) -> System.out.println(table + " " + v[0] + " " + v[1] + " " + v[2] + " " + v[3] + " " + v[4] + " " + v[5]));
            return;
        }
        perInvoice(now);
    }

    /** PostgreSQL's counters per table and index, and the transactions so far. */
    private static Map<String, long[]> counters(Connection db) throws Exception {
        Map<String, long[]> now = new TreeMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(idx_scan, 0),"
                     + " seq_scan, coalesce(idx_tup_fetch, 0) + seq_tup_read FROM pg_stat_user_tables")) {
            while (rs.next()) {
                now.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)});
            }
            // Per index as well (prefixed "index:"): which index the rows were read through.
            try (ResultSet x = s.executeQuery("SELECT 'index:' || schemaname || '.' || indexrelname, idx_scan, idx_tup_read FROM pg_stat_user_indexes"
                    + " WHERE schemaname IN ('billing', 'metering', 'outbox', 'catalog', 'tenancy')")) {
                while (x.next()) {
                    now.put(x.getString(1), new long[] {0, 0, 0, x.getLong(2), 0, x.getLong(3)});
                }
            }
            try (ResultSet x = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
                x.next();
                now.put("(transactions)", new long[] {x.getLong(1), 0, 0, 0, 0, 0});
            }
        }
        return now;
    }

    private static void writeCounters(Map<String, long[]> counters, Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        counters.forEach((table, v) -> lines.add(table + " " + v[0] + " " + v[1] + " " + v[2] + " " + v[3] + " " + v[4] + " " + v[5]));
        Files.write(file, lines);
    }

    private static void perInvoice(Map<String, long[]> now) throws Exception {
        Map<String, long[]> before = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(arg("before", null)))) {
            String[] f = line.split(" ");
            before.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6])});
        }
        double per = Double.parseDouble(arg("per", "1"));
        System.out.println("per_invoice: table inserted updated deleted index_scans seq_scans rows_read");
        now.forEach((table, v) -> {
            long[] b = before.getOrDefault(table, new long[6]);
            boolean any = false;
            StringBuilder out = new StringBuilder("per_invoice: " + table);
            for (int i = 0; i < 6; i++) {
                double d = (v[i] - b[i]) / per;
                any |= d >= 0.05;
                out.append(String.format(" %.1f", d));
            }
            if (any) {
                System.out.println(out);
            }
        });
    }

    /** The namespace the API key works in: the first organization (the demo admin's). */
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

    // ---- HTTP (as bench/metering/MeteringLoad.java) ------------------------------------------------------------------

    record Response(int status, String body) {
    }

    static final class RawHttp {
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        RawHttp() {
            try {
                URI base = URI.create(arg("base", null));
                host = base.getHost() + ":" + base.getPort();
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(300_000);
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
            int status = Integer.parseInt(line().split(" ")[1]);
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

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
