package dev.tollgate.proxy.adapters.out.upstream;

import dev.tollgate.proxy.application.port.out.UpstreamProbe;
import dev.tollgate.proxy.domain.SslMode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Dials the upstream with the PostgreSQL JDBC driver (not the control plane's pool), honouring the registered
 * sslmode, and reports what a person debugging a connection needs: latency, server version, or the error.
 */
@Singleton
final class JdbcUpstreamProbe implements UpstreamProbe {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Override
    public Result probe(String host, int port, String database, String username, String password, SslMode sslMode) {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", sslMode.wireName());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "tollgate-connection-test");
        String url = "jdbc:postgresql://" + hostForUrl(host) + ":" + port + "/" + database;
        long started = System.nanoTime();
        try (Connection connection = new org.postgresql.Driver().connect(url, properties);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            double latencyMs = Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
            return new Result(true, latencyMs, rs.getString(1), null);
        } catch (SQLException e) {
            return new Result(false, null, null, describe(e));
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        return e.getMessage() + state;
    }
}
