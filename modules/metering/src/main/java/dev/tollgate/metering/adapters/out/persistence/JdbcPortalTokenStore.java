package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.application.port.out.PortalTokenStore;
import dev.tollgate.metering.domain.PortalToken;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcPortalTokenStore implements PortalTokenStore {
    private static final String COLUMNS = "id, namespace, subject, allowed_meter_slugs, token_hash, expires_at, created_at, invalidated_at";
    private final JdbcOperations jdbc;

    JdbcPortalTokenStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(PortalToken t) {
        Connection connection = jdbc.getConnection();
        String sql = "INSERT INTO metering.portal_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, t.id());
            s.setObject(2, t.namespace());
            s.setString(3, t.subject());
            s.setArray(4, t.allowedMeterSlugs() == null ? null : connection.createArrayOf("text", t.allowedMeterSlugs().toArray()));
            s.setString(5, t.tokenHash());
            s.setTimestamp(6, timestamp(t.expiresAt()));
            s.setTimestamp(7, timestamp(t.createdAt()));
            s.setTimestamp(8, timestamp(t.invalidatedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a portal token", e);
        }
    }

    @Override
    public Optional<PortalToken> findByHash(String tokenHash) {
        return query("SELECT " + COLUMNS + " FROM metering.portal_tokens WHERE token_hash = ?", List.of(tokenHash)).stream().findFirst();
    }

    @Override
    public List<PortalToken> list(UUID namespace, int limit) {
        return query("SELECT " + COLUMNS + " FROM metering.portal_tokens WHERE namespace = ? AND invalidated_at IS NULL "
                + "ORDER BY created_at DESC, id DESC LIMIT ?", List.of(namespace, limit));
    }

    @Override
    public int invalidate(UUID namespace, UUID id, String subject, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE metering.portal_tokens SET invalidated_at = ? WHERE namespace = ? AND invalidated_at IS NULL");
        List<Object> parameters = new ArrayList<>(List.of(timestamp(now), namespace));
        if (id != null) {
            sql.append(" AND id = ?");
            parameters.add(id);
        }
        if (subject != null && !subject.isEmpty()) {
            sql.append(" AND subject = ?");
            parameters.add(subject);
        }
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql.toString())) {
            Sql.bind(s, parameters);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not invalidate portal tokens", e);
        }
    }

    private List<PortalToken> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<PortalToken> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array slugs = rs.getArray(4);
                    found.add(new PortalToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            slugs == null ? null : Arrays.asList((String[]) slugs.getArray()), rs.getString(5), instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read portal tokens", e);
        }
    }
}
