package dev.tollgate.proxy.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import dev.tollgate.proxy.domain.ConnectionRefused;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProjectStatus;
import dev.tollgate.proxy.domain.Scram;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

@Singleton
class ProxyRouteService implements ResolveProxyRouteUseCase {
    private final ProjectStore projects;
    private final DatabaseStore databases;
    private final SecretSealer sealer;
    private final ManagedRoutes managed;
    private final dev.tollgate.proxy.application.port.out.CacheRuleStore cacheRules;
    private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    /** The shapes the database caches (ADR 0061), as they are when the client connects. */
    private java.util.Map<String, dev.tollgate.proxy.domain.CacheRule> enabledRules(Database database) {
        if (!database.cacheConfig().enabled()) {
            return java.util.Map.of(); // the master switch is off: no rule applies
        }
        return transactions.executeRead(status -> cacheRules.rules(database.id())).entrySet().stream()
                .filter(e -> e.getValue().cacheEnabled())
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }
    /**
     * SCRAM secrets by database and version: PBKDF2 costs milliseconds, so it runs once per password, not per login.
     * A changed registration has a new updated_at and therefore a new entry.
     */
    private final Cache<String, Scram.Secret> secrets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    ProxyRouteService(ProjectStore projects, DatabaseStore databases, SecretSealer sealer, ManagedRoutes managed,
                      dev.tollgate.proxy.application.port.out.CacheRuleStore cacheRules,
                      io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions) {
        this.cacheRules = cacheRules;
        this.transactions = transactions;
        this.managed = managed;
        this.projects = projects;
        this.databases = databases;
        this.sealer = sealer;
    }

    private Project byId(String projectId) {
        UUID id;
        try {
            id = TypeId.parse("prj", projectId);
        } catch (IllegalArgumentException e) {
            throw new ConnectionRefused("08004", "unknown project \"" + projectId + "\"");
        }
        return projects.findById(id).orElseThrow(() -> new ConnectionRefused("08004", "unknown project \"" + projectId + "\""));
    }

    @Override
    public ProxyRoute resolve(String named, String sniHost, String databaseName, String user, String bouncer, InetAddress client) {
        Optional<ManagedRoutes.Credential> managedLogin = managed.credential(user);
        Project project;
        if (named != null) {
            project = byId(named);
        } else {
            // A TLS client's host name, else a managed credential's own project (a host like "localhost" names none).
            project = (sniHost == null ? Optional.<Project>empty() : projects.findByProxyHost(sniHost))
                    .or(() -> managedLogin.flatMap(managed::projectOf))
                    .orElseThrow(() -> new ConnectionRefused("08004", sniHost != null
                            ? "no project has the host \"" + sniHost + "\"; connect as user \"<user>.<project id>\" or with options \"project=<project id>\""
                            : "no project given: connect as user \"" + user + ".<project id>\" or with options \"project=<project id>\""));
        }
        String projectId = project.publicId();
        if (project.status() != ProjectStatus.ACTIVE) {
            throw new ConnectionRefused("08004", "project \"" + projectId + "\" is " + project.status().wireName());
        }
        if (!project.allowedCidrs().isEmpty() && project.allowedCidrs().stream().noneMatch(c -> c.contains(client))) {
            throw new ConnectionRefused("28000", "address " + client.getHostAddress() + " is not allowed to connect to project \""
                    + projectId + "\"");
        }
        if (managedLogin.isPresent()) {
            Optional<ProxyRoute> route = managed.route(project, databaseName, managedLogin.get(), bouncer);
            if (route.isPresent()) {
                return route.get();
            }
        }
        if (bouncer != null) {
            throw new ConnectionRefused("08004", "bouncers are a managed database's; project \"" + projectId + "\" has none");
        }
        Database database = databases.findByName(project.id(), databaseName)
                .orElseThrow(() -> new ConnectionRefused("3D000", "database \"" + databaseName + "\" is not registered in project \""
                        + projectId + "\""));
        String password = sealer.open(database.sealedPassword(), Database.passwordContext(database.id()));
        Scram.Secret secret = secrets.get(database.id() + "@" + database.updatedAt(), k -> Scram.Secret.derive(password));
        return new ProxyRoute(project.organizationId(), project.id(), database.id(), database.host(), database.port(), database.name(), database.username(),
                password, database.sslMode(), database.queryTimeoutMs(), project.maxConnections(),
                database.poolConfig().poolSize(), database.poolConfig().minPoolSize(), database.poolConfig().maxActive(),
                database.poolConfig().poolMode(), secret, database.id(), null, databases.replicas(database.id()), database.autoReadRouting(),
                database.cacheConfig(), enabledRules(database));
    }
}
