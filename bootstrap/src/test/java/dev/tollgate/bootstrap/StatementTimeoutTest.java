package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every control-plane connection carries a statement_timeout, so no request (a tenant's heavy query, say) can hold the
 * shared database; a request cut short is a 503 in the dialect's shape, not a 500.
 */
@MicronautTest(transactional = false)
class StatementTimeoutTest extends HttpTest {
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("datasources.default.connection-init-sql", "SET statement_timeout = '2s'");
        properties.put("tollgate.test.slow-route", "true");
        return properties;
    }

    /** Stands for any request whose SQL runs too long. */
    @Controller("/v1/test-only")
    @Requires(property = "tollgate.test.slow-route", value = "true")
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class SlowController {
        private final DataSource dataSource;

        SlowController(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Get("/slow")
        String slow() throws SQLException {
            try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(5)");
            }
            return "finished";
        }
    }

    @Test
    void pooledConnectionsCarryTheTimeout() throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertEquals("2s", rs.getString(1));
        }
    }

    @Test
    void aRequestCutShortIsUnavailableNotAnInternalError() {
        var response = http.get("/v1/test-only/slow").expect(503);
        assertTrue(response.body().contains("longer than the database allows"), response.body());
        assertTrue(response.body().contains("\"error\""), "PgBeam's error shape: " + response.body());
    }
}
