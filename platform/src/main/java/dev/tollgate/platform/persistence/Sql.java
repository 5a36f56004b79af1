package dev.tollgate.platform.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** What hand-written SQL in persistence adapters needs again and again: binding, time conversion, LIKE patterns. */
public final class Sql {
    private Sql() {
    }

    /** Binds parameters in order; a {@code String[]} becomes a PostgreSQL {@code text[]} (for {@code = ANY(?)}). */
    public static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A LIKE pattern matching {@code text} anywhere, LIKE's own wildcards in it taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
