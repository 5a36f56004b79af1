package dev.tollgate.proxy.adapters.out.upstream;

import dev.tollgate.platform.net.PasswordOnlyWhereSafe;
import dev.tollgate.platform.net.PinnedSocketFactory;
import dev.tollgate.proxy.application.port.out.UpstreamProbe;
import dev.tollgate.proxy.domain.SslMode;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Dials the upstream with the PostgreSQL JDBC driver (not the control plane's pool), honouring the registered
 * sslmode and connecting only to the checked addresses ({@link PinnedSocketFactory}), and reports what a person
 * debugging a connection needs: latency, server version, or what went wrong in Tollgate's words ({@link ProbeFailure}).
 */
@Singleton
final class JdbcUpstreamProbe implements UpstreamProbe {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Override
    public Result probe(String host, List<InetAddress> addresses, int port, String database, String username, String password,
                        SslMode sslMode) {
        long started = System.nanoTime();
        try (Connection connection = connect(host, addresses, port, database, username, password, sslMode, "tollgate-connection-test");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            double latencyMs = Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
            return new Result(true, latencyMs, rs.getString(1), null);
        } catch (SQLException e) {
            return new Result(false, null, null, ProbeFailure.describe(e, host, port, database, username));
        }
    }

    /** WAL waits to be replayed and no transaction was replayed since the standby started: behind by an unknown amount. */
    private static final long UNKNOWN_LAG_MILLIS = Integer.MAX_VALUE;

    /**
     * A standby's lag is the age of the last transaction it replayed while WAL it received waits to be replayed, and zero
     * when it has replayed all it received (an idle primary sends nothing, which is not lag).
     */
    @Override
    public ReplicaState replicaState(String host, List<InetAddress> addresses, int port, String database, String username, String password,
                                     SslMode sslMode) {
        try (Connection connection = connect(host, addresses, port, database, username, password, sslMode, "tollgate-replica-check");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() "
                     + "OR pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0 "
                     + "ELSE coalesce(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, " + UNKNOWN_LAG_MILLIS + ") END::bigint")) {
            rs.next();
            return new ReplicaState(true, rs.getBoolean(1), java.time.Duration.ofMillis(Math.max(0, rs.getLong(2))), null);
        } catch (SQLException e) {
            return new ReplicaState(false, false, null, ProbeFailure.describe(e, host, port, database, username));
        }
    }

    private static Connection connect(String host, List<InetAddress> addresses, int port, String database, String username, String password,
                                      SslMode sslMode, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        // Through the plugin, which answers a cleartext or MD5 request only where ssl_mode makes that safe.
        properties.setProperty("authenticationPluginClassName", PasswordOnlyWhereSafe.class.getName());
        properties.setProperty(PasswordOnlyWhereSafe.PASSWORD, password);
        properties.setProperty(PasswordOnlyWhereSafe.REVEAL_ALLOWED, Boolean.toString(sslMode.mayRevealPassword()));
        properties.setProperty("sslmode", sslMode.wireName());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("socketFactory", PinnedSocketFactory.class.getName());
        properties.setProperty(PinnedSocketFactory.PINNED, addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
        // Encoded: a database name must not be able to add URL parameters (the driver decodes it).
        String url = "jdbc:postgresql://" + hostForUrl(host) + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver does not accept " + url);
        }
        return connection;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
