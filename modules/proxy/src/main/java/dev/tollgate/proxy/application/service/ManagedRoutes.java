package dev.tollgate.proxy.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.catalog.api.ClusterSizesApi;
import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.application.port.out.BouncerStore;
import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.ConnectionRefused;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Scram;
import dev.tollgate.proxy.domain.SslMode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Routes a client logging in with a managed database's credential (ADR 0056): the credential names its branch, the
 * branch its database on a data cluster, and the proxy logs in there as the same role with the same password. Pools are
 * per credential (each a role of its own), sized by the branch's cluster size; a bouncer the client names is a pool of
 * its own per credential, with the bouncer's size and mode.
 */
@Singleton
class ManagedRoutes {
    /** The user names {@link BranchLogin} makes; no other name costs a lookup. */
    private static final Pattern USERNAME = Pattern.compile("(pw|role)_[0-9a-z]{26}");

    private final BranchLoginStore logins;
    private final BouncerStore bouncers;
    private final BranchStore branches;
    private final ProjectStore projects;
    private final DataClusters clusters;
    private final ClusterSizesApi sizes;
    private final SecretSealer sealer;
    private final Clock clock;
    /** A credential's password never changes: its SCRAM secret (PBKDF2, milliseconds) is derived once. */
    private final Cache<java.util.UUID, Scram.Secret> secrets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    ManagedRoutes(BranchLoginStore logins, BouncerStore bouncers, BranchStore branches, ProjectStore projects, DataClusters clusters, ClusterSizesApi sizes,
                  SecretSealer sealer, Clock clock) {
        this.logins = logins;
        this.bouncers = bouncers;
        this.branches = branches;
        this.projects = projects;
        this.clusters = clusters;
        this.sizes = sizes;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** A live credential and its live branch, read once per login. */
    record Credential(BranchLogin login, Branch branch) {
    }

    Optional<Credential> credential(String user) {
        if (user == null || !USERNAME.matcher(user).matches()) {
            return Optional.empty();
        }
        return logins.findByUsername(user).flatMap(login -> branches.findById(login.branchId()).map(branch -> new Credential(login, branch)));
    }

    Optional<Project> projectOf(Credential credential) {
        return projects.findById(credential.branch().projectId());
    }

    /**
     * The route for {@code credential} in {@code project}; empty when the credential is not one of this project's (the
     * client is then treated as any other, and its password will not match). Any database name the client gives is the
     * credential's branch: its name, the database's, or none (a client's default, its user name).
     */
    Optional<ProxyRoute> route(Project project, String databaseName, Credential credential, String bouncerName) {
        BranchLogin login = credential.login();
        Branch branch = credential.branch();
        if (!branch.projectId().equals(project.id())) {
            return Optional.empty();
        }
        if (!databaseName.equals(branch.name()) && !databaseName.equals(project.name()) && !databaseName.equals(login.username())) {
            throw new ConnectionRefused("3D000", "user \"" + login.username() + "\" connects to the branch \"" + branch.name()
                    + "\", not to \"" + databaseName + "\"");
        }
        if (login.expiredAt(clock.instant())) {
            throw new ConnectionRefused("28P01", "the password of user \"" + login.username() + "\" expired at " + login.expiresAt());
        }
        if (!branch.ready() || !login.created()) {
            throw new ConnectionRefused("57P03", "the branch \"" + branch.name() + "\" is not ready for connections yet; try again shortly");
        }
        DataCluster cluster = clusters.named(branch.dataCluster())
                .orElseThrow(() -> new ConnectionRefused("08004", "the branch \"" + branch.name() + "\" is not served by this node"));
        ClusterSizeInfo size = sizes.clusterSize(branch.clusterSize()).orElseThrow(() -> new ConnectionRefused("08004", "the branch's cluster size \"" + branch.clusterSize() + "\" is unknown"));
        int poolSize = size.poolSize();
        PoolMode mode = PoolMode.TRANSACTION;
        java.util.UUID poolKey = login.id();
        if (bouncerName != null) {
            Bouncer bouncer = bouncers.find(branch.id(), bouncerName).orElseThrow(() -> new ConnectionRefused("08004",
                    "the branch \"" + branch.name() + "\" has no bouncer \"" + bouncerName + "\""));
            poolSize = bouncer.poolSize();
            mode = bouncer.poolMode();
            poolKey = bouncer.poolKey(login.id());
        }
        String password = sealer.open(login.sealedPassword(), BranchLogin.passwordContext(login.id()));
        Scram.Secret secret = secrets.get(login.id(), k -> Scram.Secret.derive(password));
        return Optional.of(new ProxyRoute(project.organizationId(), project.id(), branch.id(), cluster.host(), cluster.port(),
                branch.clusterDatabase(), login.username(), password, SslMode.PREFER, 0, size.maxConnections(), poolSize, 0,
                poolSize, mode, secret, poolKey, cluster.name()));
    }
}
