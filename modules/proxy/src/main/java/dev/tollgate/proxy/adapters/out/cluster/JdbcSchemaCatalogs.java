package dev.tollgate.proxy.adapters.out.cluster;

import dev.tollgate.proxy.application.port.out.SchemaCatalogs;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.ManagedIdentifier;
import dev.tollgate.proxy.domain.SchemaCatalog;
import dev.tollgate.proxy.domain.SchemaCatalog.Column;
import dev.tollgate.proxy.domain.SchemaCatalog.ForeignKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Index;
import dev.tollgate.proxy.domain.SchemaCatalog.IndexKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Table;
import dev.tollgate.proxy.domain.SchemaCatalog.TableName;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A branch's catalog for the schema lint (ADR 0071), read as the cluster's administrator in a read-only transaction
 * with a statement timeout. Every statement is a constant: the branch's database is only ever named in the connection
 * URL, checked as a {@link ManagedIdentifier}. The tables are the ordinary and partitioned tables of the tenant's
 * schemas (not pg_* nor information_schema), without partitions (their parent is linted) and extensions' tables.
 */
@Singleton
final class JdbcSchemaCatalogs implements SchemaCatalogs {
    private static final String TABLES = "WITH t AS (SELECT c.oid, n.nspname::text AS nspname, c.relname::text AS relname"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')) ";

    @Override
    public SchemaCatalog read(DataCluster cluster, String database) {
        ManagedIdentifier.require(database);
        try (Connection db = connect(cluster, database)) {
            db.setAutoCommit(false);
            db.setReadOnly(true);
            try (Statement s = db.createStatement()) {
                s.execute("SET LOCAL statement_timeout = '10s'");
                Map<Long, TableName> names = new LinkedHashMap<>();
                Map<Long, Boolean> primaryKeys = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery(TABLES + "SELECT t.oid, t.nspname, t.relname,"
                        + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = t.oid AND k.contype = 'p')"
                        + " FROM t ORDER BY t.nspname, t.relname")) {
                    while (rs.next()) {
                        names.put(rs.getLong(1), new TableName(rs.getString(2), rs.getString(3)));
                        primaryKeys.put(rs.getLong(1), rs.getBoolean(4));
                    }
                }
                Map<Long, List<Column>> columns = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery(TABLES + "SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod)"
                        + " FROM pg_attribute a JOIN t ON t.oid = a.attrelid WHERE a.attnum > 0 AND NOT a.attisdropped"
                        + " ORDER BY a.attrelid, a.attnum")) {
                    while (rs.next()) {
                        columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getString(3)));
                    }
                }
                List<Table> tables = new ArrayList<>();
                names.forEach((oid, name) -> tables.add(new Table(name, primaryKeys.get(oid), columns.getOrDefault(oid, List.of()))));
                return new SchemaCatalog(tables, indexes(s, names), foreignKeys(s), reservedWords(s));
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the catalog of " + database + " on " + cluster + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each index with its keys: how {@code pg_get_indexdef} shows each (a column or an expression), the column it is
     * (none for an expression), and its operator class, ordering options and collation, which make two keys the same.
     */
    private static List<Index> indexes(Statement s, Map<Long, TableName> tables) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(TABLES + "SELECT i.indrelid, ic.relname::text, am.amname::text, i.indisunique, i.indisprimary,"
                + " i.indisvalid, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid"
                + " AND k.contype IN ('p', 'u', 'x')), pg_get_expr(i.indpred, i.indrelid, true), i.indnkeyatts,"
                + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts::int) k ORDER BY k),"
                + " ARRAY(SELECT coalesce(a.attname::text, '') FROM generate_series(1, i.indnatts::int) k"
                + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1] AND i.indkey[k - 1] > 0 ORDER BY k),"
                + " ARRAY(SELECT coalesce(oc.opcname::text, '') || ' ' || i.indoption[k - 1]::text || ' ' || i.indcollation[k - 1]::text"
                + " FROM generate_series(1, i.indnkeyatts::int) k LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k - 1] ORDER BY k)"
                + " FROM pg_index i JOIN t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
                + " ORDER BY t.nspname, t.relname, ic.relname")) {
            while (rs.next()) {
                int keyCount = rs.getInt(9);
                String[] expressions = strings(rs, 10);
                String[] columns = strings(rs, 11);
                String[] qualifiers = strings(rs, 12);
                List<IndexKey> keys = new ArrayList<>();
                for (int k = 0; k < keyCount; k++) {
                    keys.add(new IndexKey(columns[k].isEmpty() ? null : columns[k], expressions[k], qualifiers[k]));
                }
                List<String> included = Arrays.asList(expressions).subList(keyCount, expressions.length);
                indexes.add(new Index(tables.get(rs.getLong(1)), rs.getString(2), rs.getString(3), keys, included, rs.getString(8),
                        rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(7), rs.getBoolean(6)));
            }
        }
        return indexes;
    }

    /** Foreign keys as declared (not the copies PostgreSQL keeps for each partition of a referenced partitioned table). */
    private static List<ForeignKey> foreignKeys(Statement s) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(TABLES + "SELECT t.nspname, t.relname, k.conname::text, rn.nspname::text, r.relname::text,"
                + " ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord)"
                + " FROM pg_constraint k JOIN t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid"
                + " JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE k.contype = 'f' AND k.conparentid = 0"
                + " ORDER BY t.nspname, t.relname, k.conname")) {
            while (rs.next()) {
                keys.add(new ForeignKey(new TableName(rs.getString(1), rs.getString(2)), rs.getString(3), List.of(strings(rs, 6)),
                        new TableName(rs.getString(4), rs.getString(5))));
            }
        }
        return keys;
    }

    private static Set<String> reservedWords(Statement s) throws SQLException {
        Set<String> words = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode = 'R'")) {
            while (rs.next()) {
                words.add(rs.getString(1));
            }
        }
        return words;
    }

    private static String[] strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Connection connect(DataCluster cluster, String database) throws SQLException {
        return ClusterConnections.admin(cluster, database, "tollgate-schema-lint");
    }
}
