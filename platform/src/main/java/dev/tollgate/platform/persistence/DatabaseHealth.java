package dev.tollgate.platform.persistence;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Whether the control-plane database answers, checked at most once a second so that health pollers cannot load
 * it. Uses the raw pool: outside a transaction Micronaut's wrapper has no "current" connection to give.
 */
@Singleton
public final class DatabaseHealth {
    private static final long CHECK_INTERVAL_MILLIS = 1000;
    private final DataSource dataSource;
    private volatile long checkedAt;
    private volatile boolean up = true;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public boolean isUp() {
        long now = System.currentTimeMillis();
        if (now - checkedAt > CHECK_INTERVAL_MILLIS) {
            checkedAt = now;
            try (Connection connection = dataSource.getConnection()) {
                up = connection.isValid(1);
            } catch (Exception e) {
                up = false;
            }
        }
        return up;
    }
}
