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
import java.util.ArrayList;
import java.util.List;

/**
 * The data cluster's administrator, over the PostgreSQL JDBC driver (ADR 0054). Every statement that names a database or
 * role is composed by the server, {@code format('%I')} for identifiers and {@code format('%L')} for the password and
 * the expiry, from names already checked as {@link ManagedIdentifier}s: nothing a tenant types reaches SQL text.
 */
@Singleton
final class JdbcClusterAdministration implements ClusterAdministration {
    /** PostgreSQL itself waits up to 5 s for other sessions to leave before it refuses; one more try after that. */
    private static final int TEMPLATE_ATTEMPTS = 2;
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String OBJECT_IN_USE = "55006";
    private static final String DUPLICATE_OBJECT = "42710";

    @Override
    public void createDatabase(DataCluster cluster, String database, String owner, String template, boolean withData) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        if (template != null) {
            ManagedIdentifier.require(template);
        }
        String templateOwner = null;
        try (Connection admin = connect(cluster, cluster.adminDatabase())) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                runUnlessExists(admin, "CREATE ROLE %I NOLOGIN", owner);
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                if (template == null) {
                    runUnlessExists(admin, "CREATE DATABASE %I OWNER %I", database, owner);
                } else {
                    templateOwner = value(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?", template);
                    copy(admin, database, owner, template);
                }
            }
            run(admin, "REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC", database);
        } catch (SQLException e) {
            throw failure("create database " + database, cluster, e);
        }
        try (Connection db = connect(cluster, database)) {
            if (templateOwner != null) {
                adopt(db, owner, template, templateOwner);
                if (!withData) {
                    emptyTables(db);
                }
            }
            // Whatever PostgreSQL's version grants PUBLIC on the public schema, here only the owner creates in it.
            run(db, "ALTER SCHEMA public OWNER TO %I", owner);
            run(db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw failure("prepare database " + database, cluster, e);
        }
    }

    /**
     * PostgreSQL copies a template only while nobody is connected to it. The caller has paused this node's pools of the
     * template; transactions still open finish within moments and their connections close. The copy is tried for a few
     * seconds; sessions that stay (a session-mode client, a long transaction, another node's idle pool) are reported,
     * never ended.
     */
    private static void copy(Connection admin, String database, String owner, String template) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                run(admin, "CREATE DATABASE %I OWNER %I TEMPLATE %I", database, owner, template);
                return;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return; // created meanwhile by another attempt (a reconciler, another node)
                }
                if (!OBJECT_IN_USE.equals(e.getSQLState())) {
                    throw e;
                }
                if (attempt == TEMPLATE_ATTEMPTS) {
                    throw new TemplateBusy("the database " + template + " kept other sessions while it was to be copied");
                }
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while copying " + template, "57014");
            }
        }
    }

    /**
     * A copy holds its template's owner's objects and its logins' grants; they become this database's: the objects move
     * to {@code owner}, and the template's roles keep nothing here (so they can be dropped with their own branch). Both
     * statements also act on shared objects, which is put back: the template's owner, and its logins' CONNECT on it.
     */
    private static void adopt(Connection db, String owner, String template, String templateOwner) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT DISTINCT pg_get_userbyid(d.refobjid) FROM pg_shdepend d "
                + "WHERE d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND d.refclassid = 'pg_authid'::regclass AND pg_get_userbyid(d.refobjid) <> ?")) {
            s.setString(1, owner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
        }
        if (!roles.contains(templateOwner)) {
            roles.add(templateOwner);
        }
        for (String role : roles) {
            if (!ManagedIdentifier.valid(role)) {
                continue; // not one of Tollgate's roles: left alone
            }
            boolean connects = !role.equals(templateOwner) && mayConnect(db, role, template);
            if (role.equals(templateOwner)) {
                run(db, "REASSIGN OWNED BY %I TO %I", role, owner);
            }
            run(db, "DROP OWNED BY %I", role);
            if (connects) {
                run(db, "GRANT CONNECT ON DATABASE %I TO %I", template, role);
            }
        }
        run(db, "ALTER DATABASE %I OWNER TO %I", template, templateOwner);
    }

    /** A schema-only branch: the copy's tables emptied, their sequences restarted. */
    private static void emptyTables(Connection db) throws SQLException {
        String truncate;
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT 'TRUNCATE ' || string_agg(c.oid::regclass::text, ', ') || ' RESTART IDENTITY CASCADE' "
                     + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                     + "AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'")) {
            rs.next();
            truncate = rs.getString(1); // null without tables; regclass text is quoted where it must be
        }
        if (truncate != null) {
            try (Statement s = db.createStatement()) {
                s.execute(truncate);
            }
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
                runUnlessExists(admin, "CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L", role, password, until(validUntil));
            } else {
                run(admin, "ALTER ROLE %I VALID UNTIL %L", role, until(validUntil)); // repeated after a renewal
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

    @Override
    public List<SeqScan> seqScans(DataCluster cluster, String database, String owner, String sql) {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        int parameters = 0;
        java.util.regex.Matcher p = PARAMETER.matcher(sql);
        while (p.find()) {
            parameters = Math.max(parameters, Integer.parseInt(p.group(1)));
        }
        List<SeqScan> scans = new ArrayList<>();
        try (Connection db = connect(cluster, database)) {
            db.setAutoCommit(false);
            db.setReadOnly(true);
            try (Statement s = db.createStatement()) {
                s.execute("SET LOCAL statement_timeout = '2s'");
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                run(db, "SET LOCAL ROLE %I", owner); // planned with the branch owner's rights, never the administrator's
                // The tenant's own statement text: prepared and explained, never executed (a read, judged by the caller).
                s.execute("PREPARE tollgate_advice AS " + sql);
                String execute = "EXPLAIN (VERBOSE, COSTS OFF) EXECUTE tollgate_advice"
                        + (parameters == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(parameters, "NULL")) + ")");
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(execute)) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                for (int i = 0; i < plan.size(); i++) {
                    java.util.regex.Matcher scan = SEQ_SCAN.matcher(plan.get(i));
                    if (!scan.find()) {
                        continue;
                    }
                    String filter = i + 1 < plan.size() && plan.get(i + 1).strip().startsWith("Filter: ")
                            ? plan.get(i + 1).strip().substring("Filter: ".length())
                            : i + 2 < plan.size() && plan.get(i + 2).strip().startsWith("Filter: ")
                            ? plan.get(i + 2).strip().substring("Filter: ".length()) : null;
                    long rows = 0;
                    try (PreparedStatement r = db.prepareStatement("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = ?::regclass")) {
                        r.setString(1, scan.group(1));
                        try (ResultSet rs = r.executeQuery()) {
                            rows = rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                    scans.add(new SeqScan(scan.group(1), filter, rows));
                }
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            return List.of(); // it does not plan here (a truncated pattern, a squashed IN list, a dropped table)
        }
        return scans;
    }

    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("\\$(\\d+)");
    /** A scan line of a VERBOSE plan: "Seq Scan on public.users u". */
    private static final java.util.regex.Pattern SEQ_SCAN = java.util.regex.Pattern.compile("Seq Scan on ([a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*)");

    private static String until(Instant validUntil) {
        return validUntil == null ? "infinity" : validUntil.toString();
    }

    private static Connection connect(DataCluster cluster, String database) throws SQLException {
        return ClusterConnections.admin(cluster, database, "tollgate-cluster-admin");
    }

    private static boolean mayConnect(Connection c, String role, String database) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT has_database_privilege(?, ?, 'CONNECT')")) {
            s.setString(1, role);
            s.setString(2, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String value(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A creation that another attempt (the reconciler, another node) may have made between the check and here: what
     * already exists is what was wanted.
     */
    private static void runUnlessExists(Connection c, String template, String... arguments) throws SQLException {
        try {
            run(c, template, arguments);
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
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
