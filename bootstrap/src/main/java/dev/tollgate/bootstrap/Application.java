package dev.tollgate.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts Tollgate: the HTTP API, and — when no {@code TOLLGATE_DATABASE_URL} is set — an embedded PostgreSQL
 * whose data lives under {@code TOLLGATE_DATA_DIR}, so a restart keeps it.
 */
@OpenAPIDefinition(info = @Info(title = "Tollgate", version = "0.1.0",
        description = "PostgreSQL proxy platform and the control plane that sells it"))
public final class Application {
    private Application() {
    }

    /**
     * Micronaut's own shutdown hook stops the context (stopping it from here too would deadlock with it); the
     * embedded server must outlive the context's last connection, so wait until the connection pool is closed, which
     * happens late in the shutdown (the context reports not running from its very start, while shutdown work such as
     * the proxy's last usage report still needs the database).
     */
    private static void stopAfter(HikariDataSource pool, EmbeddedDatabase database) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (pool != null && !pool.isClosed() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        database.close();
    }

    private static void putIfSet(Map<String, Object> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment(System.getenv());
        Map<String, Object> properties = new HashMap<>();
        EmbeddedDatabase embedded = null;
        if (settings.databaseUrl() == null) {
            embedded = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedDatabasePort());
            properties.putAll(embedded.dataSourceProperties());
        } else {
            properties.put("datasources.default.url", settings.databaseUrl());
            properties.put("datasources.default.username", settings.databaseUser());
            properties.put("datasources.default.password", settings.databasePassword());
        }
        EmbeddedDatabase dataCluster = null;
        if (settings.embeddedDataCluster()) {
            // Managed databases live on a server of their own, never the control plane's (ADR 0054).
            dataCluster = EmbeddedDatabase.start(settings.dataDir(), null, "data-cluster", "data-cluster");
            properties.putAll(dataCluster.dataClusterProperties("local"));
        }
        properties.put("tollgate.data-dir", settings.dataDir().toString());
        putIfSet(properties, "tollgate.admin.email", settings.adminEmail());
        putIfSet(properties, "tollgate.admin.password", settings.adminPassword());
        putIfSet(properties, "tollgate.admin.api-key", settings.adminApiKey());
        properties.put("tollgate.master-key", settings.masterKey() != null ? settings.masterKey()
                : GeneratedSecret.loadOrCreate(settings.dataDir().resolve("master-key")).value());
        if (settings.internalSecret() != null) {
            properties.put("tollgate.internal-secret", settings.internalSecret());
        } else {
            GeneratedSecret secret = GeneratedSecret.loadOrCreate(settings.dataDir().resolve("internal-secret"));
            properties.put("tollgate.internal-secret", secret.value());
            if (secret.isNew()) {
                properties.put("tollgate.internal-secret-generated", secret.value());
            }
        }

        // Registered before the context starts, so that a failed start stops the embedded server too.
        java.util.concurrent.atomic.AtomicReference<HikariDataSource> pool = new java.util.concurrent.atomic.AtomicReference<>();
        if (embedded != null) {
            EmbeddedDatabase database = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfter(pool.get(), database), "tollgate-embedded-db-shutdown"));
        }
        if (dataCluster != null) {
            EmbeddedDatabase cluster = dataCluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfter(pool.get(), cluster), "tollgate-data-cluster-shutdown"));
        }
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).properties(properties).start();
        pool.set((HikariDataSource) DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)));
    }
}
