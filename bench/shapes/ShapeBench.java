import com.sun.management.ThreadMXBean;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.SqlNormalizer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query shape micro-benchmark (issue 18, ADR 0052): nanoseconds and bytes allocated per statement for
 * {@code SqlNormalizer.normalize} alone and for {@code QueryShape.of} (normalize + XXH64 + classify), on one thread,
 * over a few representative statements. Run by bench/shapes/run.sh; prints a Markdown table.
 *
 * <p>Plain loop, not JMH: each case is warmed up, then measured in ROUNDS rounds of ROUND_MS; the table shows the
 * median round. Results are kept alive through a checksum so the JIT cannot drop the work.
 */
public class ShapeBench {
    static final long WARMUP_MS = Long.getLong("warmupMs", 2000);
    static final long ROUND_MS = Long.getLong("roundMs", 1000);
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static long sink;

    public static void main(String[] args) {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("pgbench -S point select", "SELECT abalance FROM pgbench_accounts WHERE aid = 48213;");
        cases.put("pgbench tpcb UPDATE", "UPDATE pgbench_accounts SET abalance = abalance + -4021 WHERE aid = 77310;");
        cases.put("extended-protocol Parse with $n", "SELECT id, email, created_at FROM users WHERE org_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT $2");
        cases.put("ORM select, IN list of 50 ids", ormSelect(50));
        cases.put("INSERT, 20 rows x 4 values", insert(20));
        cases.put("comments, E'', dollar-quoted body", "/* app=api route=/orders */ SELECT o.id, o.total::numeric(12,2) FROM orders o -- open ones\n"
                + "WHERE o.status = E'open\\'s' AND o.note <> $$it's -- not a comment$$ AND o.created_at > now() - interval '7 days'");

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| statement | chars | `normalize` ns | `normalize` B alloc | `QueryShape.of` ns | `QueryShape.of` B alloc | shape id |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String sql = c.getValue();
            double[] normalize = measure(threads, sql, false);
            double[] shape = measure(threads, sql, true);
            System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f | `%s` |%n", c.getKey(), sql.length(),
                    normalize[0], normalize[1], shape[0], shape[1], QueryShape.of(sql).id());
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** {median ns/op, median bytes/op} over the rounds. */
    static double[] measure(ThreadMXBean threads, String sql, boolean full) {
        run(sql, full, WARMUP_MS);
        double[] ns = new double[ROUNDS];
        double[] bytes = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long allocBefore = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            long ops = run(sql, full, ROUND_MS);
            long elapsed = System.nanoTime() - t0;
            long alloc = threads.getCurrentThreadAllocatedBytes() - allocBefore;
            ns[r] = (double) elapsed / ops;
            bytes[r] = (double) alloc / ops;
        }
        Arrays.sort(ns);
        Arrays.sort(bytes);
        return new double[] {ns[ROUNDS / 2], bytes[ROUNDS / 2]};
    }

    static long run(String sql, boolean full, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long ops = 0;
        long acc = 0;
        do {
            for (int i = 0; i < 1000; i++) {
                acc += full ? QueryShape.of(sql).hash() : SqlNormalizer.normalize(sql).length();
            }
            ops += 1000;
        } while (System.nanoTime() < deadline);
        sink += acc;
        return ops;
    }

    static String ormSelect(int ids) {
        StringBuilder sb = new StringBuilder("SELECT \"t0\".\"id\", \"t0\".\"name\", \"t0\".\"price\" FROM \"public\".\"products\" AS \"t0\" WHERE \"t0\".\"id\" IN (");
        for (int i = 0; i < ids; i++) {
            sb.append(i == 0 ? "" : ", ").append(100_000 + i * 37);
        }
        return sb.append(") AND \"t0\".\"active\" = true").toString();
    }

    static String insert(int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO events (tenant_id, kind, payload, at) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(1000 + i).append(", 'page_view', '{\"path\": \"/p/")
                    .append(i).append("\"}', '2026-12-07 11:00:0").append(i % 10).append("+00')");
        }
        return sb.toString();
    }
}
