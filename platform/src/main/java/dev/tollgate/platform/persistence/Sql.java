package dev.tollgate.platform.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What hand-written SQL in persistence adapters needs again and again: binding, time conversion, LIKE patterns. */
public final class Sql {
    private Sql() {
    }

    /**
     * Binds parameters in order; {@code String[]}, {@code UUID[]} and {@code Integer[]} become PostgreSQL arrays
     * ({@code text[]}, {@code uuid[]}, {@code integer[]}) for {@code = ANY(?)}.
     */
    public static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", array));
            } else if (parameter instanceof java.util.UUID[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("uuid", array));
            } else if (parameter instanceof Integer[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("integer", array));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /**
     * The rows of an explicit query (one whose text is built at run time: optional filters, a chosen order), read into
     * the {@code @MappedEntity} {@code row} by column name with Micronaut Data's own mapping, as a repository would.
     */
    public static <R> List<R> rows(JdbcOperations jdbc, Class<R> row, String sql, List<?> parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                return jdbc.entityStream(rs, row).toList();
            }
        });
    }

    /** Reads one row of a result set into a value; called once per row, positioned on it. */
    @FunctionalInterface
    public interface RowReader<R> {
        R read(ResultSet row) throws SQLException;
    }

    /** The rows of an explicit query, each read by {@code reader} (for rows no {@code @MappedEntity} describes). */
    public static <R> List<R> query(JdbcOperations jdbc, String sql, List<?> parameters, RowReader<R> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            List<R> rows = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        });
    }

    /** Runs an explicit INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(JdbcOperations jdbc, String sql, List<?> parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            return statement.executeUpdate();
        });
    }

    /** The row count of {@code fromWhere} (a FROM ... WHERE ... clause), for a page's total. */
    public static long count(Connection connection, String fromWhere, List<?> parameters) {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) " + fromWhere)) {
            bind(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count rows " + fromWhere, e);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Every row of a keyset-paged query, handed to {@code sink} one at a time with one page in memory: {@code sql} ends
     * with its key condition and order ({@code "... AND id > ? ORDER BY id"}), its last parameter is that key, which
     * starts at {@code first} and then is the previous page's last {@code key}; the page size is written into the text.
     */
    public static <K, R> void inKeysetPages(JdbcOperations jdbc, String sql, List<?> leading, K first, int pageSize, RowReader<K> key,
                                            RowReader<R> reader, java.util.function.Consumer<? super R> sink) {
        K after = first;
        while (true) {
            List<Object> parameters = new java.util.ArrayList<>(leading);
            parameters.add(after);
            List<Map.Entry<K, R>> page = query(jdbc, sql + " LIMIT " + pageSize, parameters, r -> Map.entry(key.read(r), reader.read(r)));
            page.forEach(row -> sink.accept(row.getValue()));
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).getKey();
        }
    }

    /** A text[] column as a list (empty for NULL). */
    public static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : java.util.Arrays.asList((String[]) array.getArray());
    }

    /** A LIKE pattern matching {@code text} anywhere, LIKE's own wildcards in it taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
