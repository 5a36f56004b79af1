package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.application.port.in.IngestEventsUseCase.EventFilter;
import dev.tollgate.metering.application.port.out.EventStore;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.tollgate.metering.domain.TextFilter;

/**
 * Events in PostgreSQL. Appends are batched INSERT ... ON CONFLICT DO NOTHING on the de-duplication key, so
 * concurrent resends of the same event from several connections store it exactly once; concurrent appends share a
 * commit ({@link GroupCommitAppender}).
 */
@Singleton
final class JdbcEventStore implements EventStore {
    private final JdbcOperations jdbc;
    private final GroupCommitAppender appender;

    JdbcEventStore(JdbcOperations jdbc, GroupCommitAppender appender) {
        this.jdbc = jdbc;
        this.appender = appender;
    }

    @Override
    public int append(UUID namespace, List<CloudEvent> events, Instant ingestedAt) {
        return appender.append(namespace, events, ingestedAt);
    }

    @Override
    public int appendWithin(UUID namespace, List<CloudEvent> events, Instant ingestedAt) {
        return GroupCommitAppender.insertOn(jdbc.getConnection(), namespace, events, ingestedAt);
    }

    @Override
    public List<IngestedEvent> list(UUID namespace, EventFilter f) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM metering.events WHERE namespace = ? AND time >= ?""");
        List<Object> parameters = new ArrayList<>(List.of(namespace, timestamp(f.from())));
        if (f.to() != null) {
            sql.append(" AND time < ?");
            parameters.add(timestamp(f.to()));
        }
        if (f.ingestedAtFrom() != null) {
            sql.append(" AND ingested_at >= ?");
            parameters.add(timestamp(f.ingestedAtFrom()));
        }
        if (f.ingestedAtTo() != null) {
            sql.append(" AND ingested_at <= ?");
            parameters.add(timestamp(f.ingestedAtTo()));
        }
        if (f.idContains() != null) {
            sql.append(" AND id LIKE ?");
            parameters.add(Sql.containing(f.idContains()));
        }
        if (f.subjectContains() != null) {
            sql.append(" AND subject LIKE ?");
            parameters.add(Sql.containing(f.subjectContains()));
        }
        if (f.subjectsIn() != null) {
            sql.append(" AND subject = ANY (?)");
            parameters.add(f.subjectsIn().toArray(new String[0]));
        }
        sql.append(" ORDER BY time DESC, id DESC LIMIT ?");
        parameters.add(f.limit());
        return read(sql.toString(), parameters);
    }

    private List<IngestedEvent> read(String sql, List<Object> parameters) {
        return Sql.rows(jdbc, EventRow.class, sql, parameters).stream()
                .map(r -> new IngestedEvent(new CloudEvent(r.id(), r.source(), "1.0", r.type(), r.subject(), r.time(), r.data()), r.ingestedAt(),
                        r.storedAt(), null))
                .toList();
    }

    @Override
    public List<IngestedEvent> page(UUID namespace, EventPosition after, int limit, Map<String, TextFilter> filters) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM metering.events WHERE namespace = ?""");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (after != null) {
            sql.append(" AND (time, id, source) < (?, ?, ?)");
            parameters.add(timestamp(after.time()));
            parameters.add(after.id());
            parameters.add(after.source());
        }
        filters.forEach((field, filter) -> {
            boolean time = field.equals("time") || field.equals("ingestedAt");
            String column = field.equals("ingestedAt") ? "ingested_at" : field;
            sql.append(" AND ");
            TextFilterSql.append(sql, parameters, filter, s -> s.append(column),
                    operand -> time ? timestamp(filterTime(field, operand)) : operand);
        });
        sql.append(" ORDER BY time DESC, id DESC, source DESC LIMIT ?");
        parameters.add(limit);
        return read(sql.toString(), parameters);
    }

    @Override
    public List<EventCount> countSince(UUID namespace, Instant since) {
        String sql = "SELECT subject, type, count(*) FROM metering.events WHERE namespace = ? AND time >= ? GROUP BY subject, type ORDER BY 1, 2";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            s.setObject(1, namespace);
            s.setTimestamp(2, timestamp(since));
            List<EventCount> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.add(new EventCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not count events", e);
        }
    }

    private static Instant filterTime(String field, String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new dev.tollgate.platform.domain.ValidationException("filter." + field, "'" + text + "' is not an RFC 3339 date-time");
        }
    }

}
