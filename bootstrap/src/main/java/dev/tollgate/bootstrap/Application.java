package dev.tollgate.bootstrap;

import io.micronaut.context.ApplicationContext;
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
            embedded = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"));
            properties.putAll(embedded.dataSourceProperties());
        } else {
            properties.put("datasources.default.url", settings.databaseUrl());
            properties.put("datasources.default.username", settings.databaseUser());
            properties.put("datasources.default.password", settings.databasePassword());
        }
        properties.put("tollgate.data-dir", settings.dataDir().toString());
        putIfSet(properties, "tollgate.admin.email", settings.adminEmail());
        putIfSet(properties, "tollgate.admin.password", settings.adminPassword());
        putIfSet(properties, "tollgate.admin.api-key", settings.adminApiKey());
        if (settings.internalSecret() != null) {
            properties.put("tollgate.internal-secret", settings.internalSecret());
        } else {
            GeneratedSecret secret = GeneratedSecret.loadOrCreate(settings.dataDir().resolve("internal-secret"));
            properties.put("tollgate.internal-secret", secret.value());
            if (secret.isNew()) {
                properties.put("tollgate.internal-secret-generated", secret.value());
            }
        }

        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).properties(properties).start();
        EmbeddedDatabase database = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The context must release its connections before the embedded server goes away.
            if (context.isRunning()) {
                context.stop();
            }
            if (database != null) {
                database.close();
            }
        }, "tollgate-shutdown"));
    }
}
