package dev.tollgate.proxy.adapters.out.cluster;

import dev.tollgate.proxy.application.port.out.ClusterAdministration;
import dev.tollgate.proxy.domain.AccessRole;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.ManagedIdentifier;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

/**
 * The data cluster's administrator, over the PostgreSQL JDBC driver (ADR 0054). Every statement that names a database or
 * role is composed by the server, {@code format('%I')} for identifiers and {@code format('%L')} for the password and
 * the expiry, from names already checked as {@link ManagedIdentifier}s: nothing a tenant types reaches SQL text.
 */
@Singleton
final class JdbcClusterAdministration implements ClusterAdministration {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    @Override
    public void createDatabase(DataCluster cluster, String database, String owner, String template) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        if (template != null) {
            ManagedIdentifier.require(template);
        }
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                run(admin, "CREATE ROLE %I NOLOGIN", owner);
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                if (template == null) {
                    run(admin, "CREATE DATABASE %I OWNER %I", database, owner);
                } else {
                    run(admin, "CREATE DATABASE %I OWNER %I TEMPLATE %I", database, owner, template);
                }
            }
            run(admin, "REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC", database);
        } catch (SQLException e) {
            throw failure("create database " + database, cluster, e);
        }
        try (Connection db = connect(cluster, database)) {
            // Whatever PostgreSQL's version grants PUBLIC on the public schema, here only the owner creates in it.
            run(db, "ALTER SCHEMA public OWNER TO %I", owner);
            run(db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw failure("prepare database " + database, cluster, e);
        }
    }

    @Override
    public void dropDatabase(DataCluster cluster, String database, String owner) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            run(admin, "DROP DATABASE IF EXISTS %I WITH (FORCE)", database);
            run(admin, "DROP ROLE IF EXISTS %I", owner);
        } catch (SQLException e) {
            throw failure("drop database " + database, cluster, e);
        }
    }

    @Override
    public boolean databaseExists(DataCluster cluster, String database) {
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            return exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database);
        } catch (SQLException e) {
            throw failure("look for database " + database, cluster, e);
        }
    }

    @Override
    public void createLogin(DataCluster cluster, String database, String owner, String role, String password, AccessRole access,
                            Instant validUntil) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        ManagedIdentifier.require(role);
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                run(admin, "CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L", role, password, until(validUntil));
            }
            run(admin, "GRANT CONNECT ON DATABASE %I TO %I", database, role);
            if (access == AccessRole.ADMIN) {
                // An admin acts as the owner: what it creates belongs to the owner, so every other login's default
                // privileges (declared for the owner's objects) cover it too.
                run(admin, "GRANT %I TO %I", owner, role);
                run(admin, "ALTER ROLE %I IN DATABASE %I SET role = %I", role, database, owner);
            }
        } catch (SQLException e) {
            throw failure("create login " + role, cluster, e);
        }
        if (access == AccessRole.ADMIN) {
            return;
        }
        try (Connection db = connect(cluster, database)) {
            run(db, "GRANT USAGE ON SCHEMA public TO %I", role);
            // The privilege lists are constants of AccessRole, never input: they are spliced, the names are quoted.
            run(db, "GRANT " + access.tablePrivileges() + " ON ALL TABLES IN SCHEMA public TO %I", role);
            run(db, "GRANT " + access.sequencePrivileges() + " ON ALL SEQUENCES IN SCHEMA public TO %I", role);
            run(db, "ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT " + access.tablePrivileges() + " ON TABLES TO %I", owner, role);
            run(db, "ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT " + access.sequencePrivileges() + " ON SEQUENCES TO %I",
                    owner, role);
        } catch (SQLException e) {
            throw failure("grant " + access.wire() + " to " + role, cluster, e);
        }
    }

    @Override
    public void renewLogin(DataCluster cluster, String role, Instant validUntil) {
        ManagedIdentifier.require(role);
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            run(admin, "ALTER ROLE %I VALID UNTIL %L", role, until(validUntil));
        } catch (SQLException e) {
            throw failure("renew login " + role, cluster, e);
        }
    }

    @Override
    public void dropLogin(DataCluster cluster, String database, String role) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(role);
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                return;
            }
            if (exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Connection db = connect(cluster, database)) {
                    run(db, "DROP OWNED BY %I", role); // its grants and default privileges in the database
                }
            }
            try (PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                end.setString(1, role);
                end.executeQuery().close();
            }
            run(admin, "DROP ROLE IF EXISTS %I", role);
        } catch (SQLException e) {
            throw failure("drop login " + role, cluster, e);
        }
    }

    private static String until(Instant validUntil) {
        return validUntil == null ? "infinity" : validUntil.toString();
    }

    private static Connection connect(DataCluster cluster, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", cluster.adminUser());
        if (cluster.adminPassword() != null) {
            properties.setProperty("password", cluster.adminPassword());
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "tollgate-cluster-admin");
        String url = "jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + database;
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver does not accept " + url);
        }
        return connection;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Has the server compose {@code template} with {@code format()} (identifiers %I, literals %L), then runs it. */
    private static void run(Connection c, String template, String... arguments) throws SQLException {
        String statement;
        StringBuilder call = new StringBuilder("SELECT format(?");
        for (int i = 0; i < arguments.length; i++) {
            call.append(", ?");
        }
        call.append(')');
        try (PreparedStatement s = c.prepareStatement(call.toString())) {
            s.setString(1, template);
            for (int i = 0; i < arguments.length; i++) {
                s.setString(i + 2, arguments[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                statement = rs.getString(1);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static IllegalStateException failure(String what, DataCluster cluster, SQLException e) {
        return new IllegalStateException("could not " + what + " on " + cluster + ": " + e.getMessage(), e);
    }
}
