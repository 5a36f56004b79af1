package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.proxy.application.port.in.ManageBranchLoginsUseCase.Created;
import dev.tollgate.proxy.application.port.in.ManageBranchLoginsUseCase.LoginView;
import dev.tollgate.proxy.application.port.in.ManageBranchesUseCase.BranchView;
import dev.tollgate.proxy.application.port.in.ManageManagedDatabasesUseCase.DatabaseView;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.proxy.domain.Region;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * PlanetScale's shapes for databases, branches, passwords and role credentials (ADR 0056). The document marks no field
 * nullable, so an absent value (a branch without parent, a password without expiry) is left out rather than null.
 */
final class PlanetScaleViews {
    private PlanetScaleViews() {
    }

    @Serdeable
    record DataList<T>(List<T> data) {
    }

    @Serdeable
    record RegionView(String slug, String display_name) {
        static RegionView of(Region region) {
            return new RegionView(region.id(), region.name());
        }
    }

    @Serdeable
    record DatabaseResponse(String id, String name, String state, String plan, String cluster_size, RegionView region, String default_branch,
                            boolean production_branch_web_console, boolean insights_enabled, @Nullable String migration_framework,
                            boolean require_approval_for_deploy, boolean allow_data_branching, Instant created_at, Instant updated_at) {
        static DatabaseResponse of(DatabaseView view) {
            ManagedDatabase d = view.database();
            ManagedDatabase.Settings s = d.settings();
            return new DatabaseResponse(view.project().publicId(), d.name(), view.ready() ? "ready" : "pending", d.plan(), d.clusterSize(),
                    RegionView.of(view.region()), s.defaultBranch(), s.productionBranchWebConsole(), s.insightsEnabled(),
                    s.migrationFramework(), s.requireApprovalForDeploy(), s.allowDataBranching(), d.createdAt(), d.updatedAt());
        }
    }

    /** PostgreSQL branches are never sharded: one shard. */
    @Serdeable
    record BranchResponse(String id, String name, boolean production, boolean ready, int shard_count, boolean sharded,
                          String cluster_rate_name, RegionView region, @Nullable String parent_branch, Instant schema_last_updated_at,
                          Instant created_at, Instant updated_at) {
        static BranchResponse of(BranchView view) {
            var b = view.branch();
            return new BranchResponse(b.publicId(), b.name(), b.production(), b.ready(), 1, false, b.clusterSize(), RegionView.of(view.region()),
                    b.parentBranch(), b.schemaLastUpdatedAt(), b.createdAt(), b.updatedAt());
        }
    }

    @Serdeable
    record PasswordResponse(String id, String name, String role, String hostname, String username, String database_branch, RegionView region,
                            @Nullable Instant expires_at, Instant created_at, boolean renewable) {
        static PasswordResponse of(LoginView view) {
            BranchLogin l = view.login();
            return new PasswordResponse(l.publicId(), l.name() == null ? l.username() : l.name(), l.access().wire(), view.hostname(),
                    l.username(), view.branch().name(), RegionView.of(view.region()), l.expiresAt(), l.createdAt(), l.renewable());
        }
    }

    @Serdeable
    record ConnectionStrings(String general, String prisma, String laravel, String rails) {
        /** PostgreSQL URLs for the proxy host; the password is URL-encoded where it sits in a URL. */
        static ConnectionStrings of(LoginView view, String password) {
            String user = view.login().username();
            String branch = view.branch().name();
            String url = "postgresql://" + user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + view.hostname() + ":"
                    + view.port() + "/" + branch + "?sslmode=require";
            String laravel = "DB_CONNECTION=pgsql\nDB_HOST=" + view.hostname() + "\nDB_PORT=" + view.port() + "\nDB_DATABASE=" + branch
                    + "\nDB_USERNAME=" + user + "\nDB_PASSWORD=" + password + "\nDB_SSLMODE=require";
            return new ConnectionStrings(url, url, laravel, "DATABASE_URL=" + url);
        }
    }

    @Serdeable
    record PasswordWithPlaintext(String id, String name, String role, String hostname, String username, String database_branch,
                                 RegionView region, @Nullable Instant expires_at, Instant created_at, boolean renewable, String plain_text,
                                 ConnectionStrings connection_strings) {
        static PasswordWithPlaintext of(Created created) {
            PasswordResponse p = PasswordResponse.of(created.login());
            return new PasswordWithPlaintext(p.id(), p.name(), p.role(), p.hostname(), p.username(), p.database_branch(), p.region(),
                    p.expires_at(), p.created_at(), p.renewable(), created.plainText(), ConnectionStrings.of(created.login(), created.plainText()));
        }
    }

    @Serdeable
    record QueryPatternsReportResponse(String id, String state, Instant created_at, @Nullable Instant completed_at) {
        static QueryPatternsReportResponse of(dev.tollgate.proxy.application.port.in.SchemaAdviceUseCase.QueryPatternsReport r) {
            return new QueryPatternsReportResponse(r.id(), r.state(), r.createdAt(), r.completedAt());
        }
    }

    @Serdeable
    record SchemaRecommendationResponse(String id, String type, String table_name, String description, String severity, boolean dismissed,
                                        Instant created_at) {
        static SchemaRecommendationResponse of(dev.tollgate.proxy.application.port.in.SchemaAdviceUseCase.SchemaRecommendation r) {
            return new SchemaRecommendationResponse(r.id(), r.type(), r.tableName(), r.description(), r.severity(), r.dismissed(), r.createdAt());
        }
    }

    @Serdeable
    record RoleCredentials(String id, String name, String role, String username, String password, String hostname, Instant created_at) {
        static RoleCredentials of(Created created) {
            BranchLogin l = created.login().login();
            return new RoleCredentials(l.publicId(), l.name(), l.access().wire(), l.username(), created.plainText(), created.login().hostname(),
                    l.createdAt());
        }
    }
}
