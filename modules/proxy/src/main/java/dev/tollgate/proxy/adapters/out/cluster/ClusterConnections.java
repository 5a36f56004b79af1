package dev.tollgate.proxy.adapters.out.cluster;

import dev.tollgate.proxy.domain.DataCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A connection to a data cluster as its administrator, opened directly (no pool: administration is rare and short). */
final class ClusterConnections {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private ClusterConnections() {
    }

    /** Connects to {@code database} on the cluster; {@code applicationName} tells its sessions apart in pg_stat_activity. */
    static Connection admin(DataCluster cluster, String database, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", cluster.adminUser());
        if (cluster.adminPassword() != null) {
            properties.setProperty("password", cluster.adminPassword());
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", applicationName);
        String url = "jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + database;
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver does not accept " + url);
        }
        return connection;
    }
}
