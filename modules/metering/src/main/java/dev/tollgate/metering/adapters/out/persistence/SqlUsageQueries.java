package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.application.port.out.UsageQueries;
import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Meter queries as one SQL statement over the raw events: PostgreSQL evaluates the JSONPaths (jsonb_path_query_first),
 * parses values as exact numerics (no floating-point drift), truncates times to calendar windows in the query's time
 * zone and aggregates. The (namespace, type, subject, time) index bounds what is read; for compact events it also
 * carries their data, so a query reads the index alone (migration V5, ADR 0008).
 */
@Singleton
final class SqlUsageQueries implements UsageQueries {
    /** A JSON value as text: numbers and strings alike, null when the path finds nothing. */
    private static final String VALUE_AT = "(jsonb_path_query_first(data, CAST(? AS jsonpath)) #>> '{}')";
    /** Numbers and numeric strings become numeric; anything else null (ignored, as OpenMeter ignores it). */
    private static final String NUMERIC = "CASE WHEN v ~ '^\\s*[-+]{0,1}([0-9]+([.][0-9]*){0,1}|[.][0-9]+)([eE][-+]{0,1}[0-9]+){0,1}\\s*$' "
            + "THEN CAST(v AS numeric) END";

    private final JdbcOperations jdbc;

    SqlUsageQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MeterQueryRow> aggregate(UUID namespace, Meter meter, MeterQuery q) {
        List<Object> parameters = new ArrayList<>();
        List<Object> innerParameters = new ArrayList<>();
        List<String> meterKeys = q.groupBy().stream().filter(k -> !k.equals("subject") && !k.equals("customer_id")).toList();
        boolean bySubject = q.groupBy().contains("subject");
        boolean byCustomer = q.groupBy().contains("customer_id");

        StringBuilder inner = new StringBuilder("SELECT time, subject, ");
        inner.append(q.customerBySubject().isEmpty() ? "NULL::text AS cid, " : "m.customer_id AS cid, ");
        if (meter.valueProperty() != null) {
            inner.append(VALUE_AT).append(" AS v");
            innerParameters.add(meter.valueProperty());
        } else {
            inner.append("NULL::text AS v");
        }
        for (int i = 0; i < meterKeys.size(); i++) {
            inner.append(", ").append(VALUE_AT).append(" AS g").append(i);
            innerParameters.add(meter.groupBy().get(meterKeys.get(i)));
        }
        inner.append(" FROM metering.events");
        if (!q.customerBySubject().isEmpty()) {
            // Only the customers' subjects, each labelled with its customer.
            inner.append(" JOIN unnest(?::text[], ?::text[]) AS m(subject_key, customer_id) ON m.subject_key = subject");
            innerParameters.add(q.customerBySubject().keySet().toArray(String[]::new));
            innerParameters.add(q.customerBySubject().keySet().stream().map(q.customerBySubject()::get).toArray(String[]::new));
        }
        inner.append(" WHERE namespace = ? AND type = ?");
        innerParameters.add(namespace);
        innerParameters.add(meter.eventType());
        where(inner, innerParameters, q.from(), q.to());
        if (!q.subjects().isEmpty()) {
            inner.append(" AND subject = ANY(?)");
            innerParameters.add(q.subjects().toArray(String[]::new));
        }
        for (Map.Entry<String, TextFilter> filter : q.filterGroupBy().entrySet()) {
            String path = meter.groupBy().get(filter.getKey());
            inner.append(" AND ");
            TextFilterSql.append(inner, innerParameters, filter.getValue(), sql -> {
                sql.append(VALUE_AT);
                innerParameters.add(path);
            }, operand -> operand);
        }

        List<String> groups = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ");
        if (q.windowSize() != null) {
            select.append("date_trunc('").append(q.windowSize().truncField()).append("', time, ?) AS ws, ");
            parameters.add(q.windowTimeZone().getId());
            groups.add("ws");
        } else {
            select.append("NULL::timestamptz AS ws, ");
        }
        select.append(bySubject ? "subject" : "NULL::text").append(" AS s");
        if (bySubject) {
            groups.add("s");
        }
        select.append(byCustomer ? ", cid" : ", NULL::text AS cid");
        if (byCustomer) {
            groups.add("cid");
        }
        for (int i = 0; i < meterKeys.size(); i++) {
            select.append(", g").append(i);
            groups.add("g" + i);
        }
        select.append(", ").append(aggregate(meter)).append(" AS value, count(*) AS events, min(time) AS first_time, max(time) AS last_time FROM (SELECT *, ")
                .append(NUMERIC).append(" AS n FROM (").append(bothHalves(inner.toString(), innerParameters, parameters)).append(") raw) e");
        if (!groups.isEmpty()) {
            select.append(" GROUP BY ").append(String.join(", ", groups));
        }
        select.append(" HAVING count(*) > 0 AND ").append(aggregate(meter)).append(" IS NOT NULL ORDER BY ws NULLS FIRST");
        if (bySubject) {
            select.append(", s");
        }

        List<MeterQueryRow> rows = new ArrayList<>();
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(select.toString())) {
            Sql.bind(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> groupValues = new LinkedHashMap<>();
                    for (int i = 0; i < meterKeys.size(); i++) {
                        groupValues.put(meterKeys.get(i), rs.getString("g" + i));
                    }
                    Instant start;
                    Instant end;
                    if (q.windowSize() != null) {
                        ZonedDateTime windowStart = ZonedDateTime.ofInstant(rs.getTimestamp("ws").toInstant(), q.windowTimeZone());
                        start = windowStart.toInstant();
                        end = q.windowSize().end(windowStart).toInstant();
                    } else {
                        start = q.from() != null ? q.from() : instant(rs.getTimestamp("first_time")).truncatedTo(ChronoUnit.MINUTES);
                        Instant last = instant(rs.getTimestamp("last_time"));
                        end = q.to() != null ? q.to() : last.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                    }
                    BigDecimal value = rs.getBigDecimal("value");
                    rows.add(new MeterQueryRow(value, start, end, rs.getString("s"), rs.getString("cid"), groupValues, rs.getLong("events")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not query meter " + meter.slug(), e);
        }
        return rows;
    }

    /** The aggregate over the numeric value n, the text value v, or the rows. */
    private static String aggregate(Meter meter) {
        return switch (meter.aggregation()) {
            case SUM -> "sum(n)";
            case COUNT -> "count(*)";
            case AVG -> "avg(n)";
            case MIN -> "min(n)";
            case MAX -> "max(n)";
            case UNIQUE_COUNT -> "count(DISTINCT v)";
            case LATEST -> "(array_agg(n ORDER BY time DESC) FILTER (WHERE n IS NOT NULL))[1]";
        };
    }

    private static void where(StringBuilder sql, List<Object> parameters, Instant from, Instant to) {
        if (from != null) {
            sql.append(" AND time >= ?");
            parameters.add(timestamp(from));
        }
        if (to != null) {
            sql.append(" AND time < ?");
            parameters.add(timestamp(to));
        }
    }

    /**
     * {@code query} (a SELECT from metering.events ending in its WHERE conditions) over both halves of the meter index:
     * compact events, read from the index alone, and the others (migration V5). Its parameters are bound twice.
     */
    private static String bothHalves(String query, List<Object> queryParameters, List<Object> parameters) {
        parameters.addAll(queryParameters);
        parameters.addAll(queryParameters);
        return query + " AND compact UNION ALL " + query + " AND NOT compact";
    }

    @Override
    public List<String> distinctSubjects(UUID namespace, Meter meter, Instant from, Instant to) {
        StringBuilder inner = new StringBuilder("SELECT subject FROM metering.events WHERE namespace = ? AND type = ?");
        List<Object> innerParameters = new ArrayList<>(List.of(namespace, meter.eventType()));
        where(inner, innerParameters, later(from, meter.eventFrom()), to);
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT DISTINCT subject FROM (" + bothHalves(inner.toString(), innerParameters, parameters) + ") e ORDER BY subject";
        return strings(sql, parameters);
    }

    @Override
    public List<String> distinctGroupValues(UUID namespace, Meter meter, String path, Instant from, Instant to) {
        StringBuilder inner = new StringBuilder("SELECT " + VALUE_AT + " AS g FROM metering.events WHERE namespace = ? AND type = ?");
        List<Object> innerParameters = new ArrayList<>(List.of(path, namespace, meter.eventType()));
        where(inner, innerParameters, later(from, meter.eventFrom()), to);
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT DISTINCT g FROM (" + bothHalves(inner.toString(), innerParameters, parameters)
                + ") e WHERE g IS NOT NULL ORDER BY g";
        return strings(sql, parameters);
    }

    @Override
    public List<MeterValue> meterValues(UUID namespace, List<IngestedEvent> events, List<Meter> meters) {
        if (events.isEmpty() || meters.isEmpty()) {
            return List.of();
        }
        String sql = """
                SELECT e.source, e.id, m.slug, jsonb_typeof(v.j), v.j #>> '{}'
                FROM unnest(?::text[], ?::text[]) AS k(source, id)
                JOIN metering.events e ON e.namespace = ? AND e.source = k.source AND e.id = k.id
                JOIN unnest(?::text[], ?::text[], ?::text[]) AS m(slug, event_type, path) ON m.event_type = e.type
                CROSS JOIN LATERAL (SELECT jsonb_path_query_first(e.data, CAST(m.path AS jsonpath)) AS j) v""";
        List<Object> parameters = List.of(
                events.stream().map(e -> e.event().source()).toArray(String[]::new),
                events.stream().map(e -> e.event().id()).toArray(String[]::new),
                namespace,
                meters.stream().map(Meter::slug).toArray(String[]::new),
                meters.stream().map(Meter::eventType).toArray(String[]::new),
                meters.stream().map(Meter::valueProperty).toArray(String[]::new));
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<MeterValue> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(new MeterValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the events' meter values", e);
        }
    }

    @Override
    public String checkJsonPath(String path) {
        // A failing statement would abort the caller's transaction: try it under a savepoint.
        Connection connection = jdbc.getConnection();
        Savepoint savepoint = null;
        try {
            savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (PreparedStatement s = connection.prepareStatement("SELECT CAST(? AS jsonpath)")) {
                s.setString(1, path);
                s.executeQuery().close();
            }
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return null;
        } catch (SQLException invalid) {
            try {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not roll back to a savepoint", e);
            }
            return invalid.getMessage().replaceFirst("^ERROR: ", "");
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private List<String> strings(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read distinct values", e);
        }
    }

}
