package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.SchemaAdviceUseCase;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.ClusterAdministration;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.QueryShapeStore;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.IndexAdvice;
import dev.tollgate.proxy.domain.ProjectInsights.ShapeTotals;
import dev.tollgate.proxy.domain.ProjectInsights.Totals;
import dev.tollgate.proxy.domain.StatementClassifier;
import dev.tollgate.proxy.domain.StatementKind;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report covers the database's statements of the last day, as the insights flushes have recorded them; the
 * recommendations come from the generic plans of its most-called reads on the production branch (ADR 0060).
 */
@Singleton
class SchemaAdviceService implements SchemaAdviceUseCase {
    static final Duration WINDOW = Duration.ofDays(1);
    /** The reads looked at: the most called; explaining each costs the cluster a plan. */
    static final int HOTTEST = 10;
    /** Patterns are kept to 500 characters (ADR 0057): a cut one does not plan. */
    static final int PATTERN_LIMIT = 500;
    /** A shape called this often in the window makes its missing index a warning rather than a hint. */
    static final long HOT_CALLS = 1_000;

    private final ManagedLookup lookup;
    private final BranchStore branches;
    private final QueryShapeStore shapes;
    private final DataClusters clusters;
    private final ClusterAdministration admin;
    private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    private final Clock clock;

    SchemaAdviceService(ManagedLookup lookup, BranchStore branches, QueryShapeStore shapes, DataClusters clusters, ClusterAdministration admin,
                        io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions, Clock clock) {
        this.lookup = lookup;
        this.branches = branches;
        this.shapes = shapes;
        this.clusters = clusters;
        this.admin = admin;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public QueryPatternsReport queryPatternsReport(Caller caller, String organization, String database, String branch) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            Branch b = lookup.branch(target, branch);
            Instant now = clock.instant();
            Instant since = now.minus(WINDOW);
            Instant from = b.createdAt().isAfter(since) ? b.createdAt() : since;
            String id = "qpr_" + b.publicId().substring(3);
            Totals totals = shapes.totals(target.project().id(), since);
            if (!target.database().settings().insightsEnabled() || totals.calls() == 0) {
                return new QueryPatternsReport(id, "pending", from, null); // nothing recorded to report yet
            }
            return new QueryPatternsReport(id, "complete", from, now);
        });
    }

    @Override
    public List<SchemaRecommendation> schemaRecommendations(Caller caller, String organization, String database) {
        record Look(ManagedLookup.Target target, Branch production, List<ShapeTotals> hottest) {
        }
        Look look = transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            Branch production = branches.find(target.project().id(), target.database().settings().defaultBranch()).orElse(null);
            return new Look(target, production, shapes.mostCalled(target.project().id(), clock.instant().minus(WINDOW), HOTTEST));
        });
        if (look.production() == null || !look.production().ready()) {
            return List.of();
        }
        var cluster = clusters.named(look.production().dataCluster());
        if (cluster.isEmpty()) {
            return List.of();
        }
        Map<String, SchemaRecommendation> found = new LinkedHashMap<>();
        for (ShapeTotals shape : look.hottest()) {
            String sql = shape.pattern();
            if (sql == null || sql.length() >= PATTERN_LIMIT || StatementClassifier.classify(sql) != StatementKind.READ) {
                continue;
            }
            for (ClusterAdministration.SeqScan scan : admin.seqScans(cluster.get(), look.production().clusterDatabase(),
                    look.production().ownerRole(), sql)) {
                IndexAdvice advice = IndexAdvice.of(scan.relation(), scan.filter(), scan.tableRows());
                if (advice == null || found.containsKey(advice.key())) {
                    continue;
                }
                found.put(advice.key(), recommendation(advice, shape, look.production()));
            }
        }
        return new ArrayList<>(found.values());
    }

    private SchemaRecommendation recommendation(IndexAdvice advice, ShapeTotals shape, Branch production) {
        long calls = shape.totals().calls();
        String description = "Queries like `" + shape.pattern() + "` (" + calls + " calls in the last day) read all " + advice.tableRows()
                + " rows of " + advice.relation() + " to find those matching " + String.join(", ", advice.columns())
                + ". An index would find them directly: " + advice.ddl();
        String id = "srec_" + Long.toHexString(dev.tollgate.proxy.domain.XxHash64.hashUtf8(advice.key()));
        return new SchemaRecommendation(id, "missing_index", advice.table(), description, calls >= HOT_CALLS ? "warning" : "info", false,
                production.createdAt());
    }
}
