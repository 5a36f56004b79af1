package dev.tollgate.platform.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates each module's schema with its own Flyway history while the application context starts, before the
 * HTTP server or any job can reach the database.
 * Each module owns schema {@code <module>} and keeps its scripts in {@code db/migration/<module>/}; modules
 * whose scripts are not on the classpath (a module's own tests) are skipped. Order follows the allowed
 * dependency graph, so a module never migrates before one it depends on; platform's outbox (ADR 0028) comes first.
 */
@Context
final class ModuleMigrations {
    static final List<String> MODULES_IN_DEPENDENCY_ORDER =
            List.of("outbox", "tenancy", "catalog", "metering", "entitlements", "billing", "proxy", "webhooks");
    private static final Logger LOG = LoggerFactory.getLogger(ModuleMigrations.class);

    ModuleMigrations(DataSource contextual) {
        // Flyway manages its own connections; the raw pool avoids Micronaut's "current connection" wrapper.
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(contextual);
        ClassLoader loader = ModuleMigrations.class.getClassLoader();
        for (String module : MODULES_IN_DEPENDENCY_ORDER) {
            String location = "db/migration/" + module;
            if (loader.getResource(location) == null) {
                continue;
            }
            var result = Flyway.configure(loader)
                    .dataSource(dataSource)
                    .schemas(module)
                    .createSchemas(true)
                    .table("flyway_schema_history")
                    .locations("classpath:" + location)
                    .load()
                    .migrate();
            LOG.info("Schema {}: {} migration(s) applied, now at version {}", module, result.migrationsExecuted, result.targetSchemaVersion);
        }
    }
}
