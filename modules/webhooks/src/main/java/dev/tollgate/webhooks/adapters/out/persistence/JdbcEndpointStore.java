package dev.tollgate.webhooks.adapters.out.persistence;

import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.DeliveryStatus;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.SigningSecret;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Endpoints in {@code webhooks.endpoints}; secrets sealed with the SecretBox, bound to the endpoint's uuid. */
@Singleton
@io.micronaut.transaction.annotation.Transactional
class JdbcEndpointStore implements EndpointStore {
    private static final String COLUMNS = "id, uuid, organization_id, audience, scope, name, url, events, active, disabled_reason, max_attempts,"
            + " failure_count, last_delivery_status, last_triggered_at, metadata::text AS metadata, custom_headers::text AS custom_headers,"
            + " secret, previous_secret, previous_secret_until, created_at, updated_at, deleted_at";
    private final JdbcOperations jdbc;
    private final SecretBox box;
    private final JsonMapper json;

    JdbcEndpointStore(JdbcOperations jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.box = box;
        this.json = json;
    }

    @Override
    public Endpoint create(Endpoint e) {
        UUID uuid = TypeId.newUuid(); // time-ordered: OpenMeter shows it as a ULID
        long id = jdbc.prepareStatement("""
                INSERT INTO webhooks.endpoints (uuid, organization_id, audience, scope, name, url, events, active, disabled_reason,
                    max_attempts, failure_count, metadata, custom_headers, secret, previous_secret, previous_secret_until, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id""", s -> {
            Sql.bind(s, List.of(uuid, e.organizationId(), e.audience().stored()));
            s.setString(4, e.scope());
            s.setString(5, e.name());
            s.setString(6, e.url());
            s.setArray(7, s.getConnection().createArrayOf("text", e.events().toArray()));
            s.setBoolean(8, e.active());
            s.setString(9, e.disabledReason());
            s.setInt(10, e.maxAttempts());
            s.setString(11, e.metadata() == null ? null : JsonColumns.write(json, e.metadata()));
            s.setString(12, JsonColumns.write(json, e.customHeaders()));
            s.setString(13, seal(e.secret(), uuid));
            s.setString(14, seal(e.previousSecret(), uuid));
            s.setTimestamp(15, Sql.timestamp(e.previousSecretUntil()));
            s.setTimestamp(16, Sql.timestamp(e.createdAt()));
            s.setTimestamp(17, Sql.timestamp(e.updatedAt()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return byIds(List.of(id)).get(id);
    }

    @Override
    public Endpoint update(Endpoint e) {
        jdbc.prepareStatement("""
                UPDATE webhooks.endpoints SET name = ?, url = ?, events = ?, active = ?, disabled_reason = ?, max_attempts = ?,
                    failure_count = ?, metadata = ?::jsonb, custom_headers = ?::jsonb, secret = ?, previous_secret = ?,
                    previous_secret_until = ?, updated_at = ? WHERE id = ?""", s -> {
            s.setString(1, e.name());
            s.setString(2, e.url());
            s.setArray(3, s.getConnection().createArrayOf("text", e.events().toArray()));
            s.setBoolean(4, e.active());
            s.setString(5, e.disabledReason());
            s.setInt(6, e.maxAttempts());
            s.setInt(7, e.failureCount());
            s.setString(8, e.metadata() == null ? null : JsonColumns.write(json, e.metadata()));
            s.setString(9, JsonColumns.write(json, e.customHeaders()));
            s.setString(10, seal(e.secret(), e.uuid()));
            s.setString(11, seal(e.previousSecret(), e.uuid()));
            s.setTimestamp(12, Sql.timestamp(e.previousSecretUntil()));
            s.setTimestamp(13, Sql.timestamp(e.updatedAt()));
            s.setLong(14, e.id());
            return s.executeUpdate();
        });
        return byIds(List.of(e.id())).get(e.id());
    }

    @Override
    public Optional<Endpoint> find(UUID organizationId, Audience audience, long id) {
        return select("WHERE id = ? AND organization_id = ? AND audience = ?", List.of(id, organizationId, audience.stored())).stream().findFirst();
    }

    @Override
    public Optional<Endpoint> find(Audience audience, long id) {
        return select("WHERE id = ? AND audience = ?", List.of(id, audience.stored())).stream().findFirst();
    }

    @Override
    public Page<Endpoint> list(UUID organizationId, Audience audience, String scope, PageRequest page) {
        List<Object> parameters = new ArrayList<>(List.of(organizationId, audience.stored()));
        String where = "WHERE organization_id = ? AND audience = ?";
        if (scope != null) {
            where += " AND scope = ?";
            parameters.add(scope);
        }
        long total = count(organizationId, audience, scope);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        return new Page<>(select(where + " ORDER BY id LIMIT ? OFFSET ?", paged), total, page);
    }

    @Override
    public long count(UUID organizationId, Audience audience, String scope) {
        return jdbc.prepareStatement("SELECT count(*) FROM webhooks.endpoints WHERE organization_id = ? AND audience = ?"
                + (scope == null ? "" : " AND scope = ?"), s -> {
            Sql.bind(s, scope == null ? List.of(organizationId, audience.stored()) : List.of(organizationId, audience.stored(), scope));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void lockScope(UUID organizationId, Audience audience, String scope) {
        String key = organizationId + "/" + audience.stored() + "/" + (scope == null ? "" : scope);
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 48))", s -> {
            s.setString(1, key);
            s.executeQuery().close();
            return null;
        });
    }

    @Override
    public Optional<Endpoint> find(UUID organizationId, Audience audience, UUID uuid) {
        return select("WHERE uuid = ? AND organization_id = ? AND audience = ?", List.of(uuid, organizationId, audience.stored()))
                .stream().findFirst();
    }

    @Override
    public Page<Endpoint> search(UUID organizationId, Audience audience, Search search, PageRequest page) {
        List<Object> parameters = new ArrayList<>(List.of(organizationId, audience.stored()));
        String where = "WHERE organization_id = ? AND audience = ?";
        if (!search.includeDeleted()) {
            where += " AND deleted_at IS NULL";
        }
        if (!search.includeDisabled()) {
            where += " AND (active OR deleted_at IS NOT NULL)";
        }
        if (search.uuids() != null) {
            where += " AND uuid = ANY(?)";
            parameters.add(search.uuids().toArray(UUID[]::new));
        }
        String order = switch (search.orderBy()) {
            case "createdAt" -> "created_at";
            case "updatedAt" -> "updated_at";
            default -> "uuid";
        };
        String direction = search.descending() ? " DESC" : " ASC";
        List<Object> counted = new ArrayList<>(parameters);
        long total = jdbc.prepareStatement("SELECT count(*) FROM webhooks.endpoints " + where, s -> {
            Sql.bind(s, counted);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        String sql = "SELECT " + COLUMNS + " FROM webhooks.endpoints " + where + " ORDER BY " + order + direction + ", uuid" + direction
                + " LIMIT ? OFFSET ?";
        return new Page<>(Sql.query(jdbc, sql, paged, this::read), total, page);
    }

    @Override
    public Endpoint softDelete(long id, java.time.Instant at) {
        Sql.update(jdbc, "UPDATE webhooks.endpoints SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                List.of(Sql.timestamp(at), Sql.timestamp(at), id));
        return byIds(List.of(id)).get(id);
    }

    @Override
    public void delete(long id) {
        Sql.update(jdbc, "DELETE FROM webhooks.endpoints WHERE id = ?", List.of(id));
    }

    @Override
    public List<Long> subscribers(UUID organizationId, Audience audience, String scope, String eventType) {
        List<Object> parameters = new ArrayList<>(List.of(organizationId, audience.stored(), eventType));
        String where = "WHERE organization_id = ? AND audience = ? AND active AND deleted_at IS NULL AND ? = ANY(events)";
        if (scope != null) {
            where += " AND scope = ?";
            parameters.add(scope);
        }
        // Ids only: a fan-out needs no secret opened.
        return Sql.query(jdbc, "SELECT id FROM webhooks.endpoints " + where + " ORDER BY id", parameters, rs -> rs.getLong(1));
    }

    @Override
    public Map<Long, Endpoint> byIds(Collection<Long> ids) {
        Map<Long, Endpoint> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhooks.endpoints WHERE id = ANY(?)", s -> {
            s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Endpoint e = read(rs);
                    found.put(e.id(), e);
                }
            }
            return found;
        });
        return found;
    }

    @Override
    public Endpoint reactivate(long id) {
        Sql.update(jdbc, "UPDATE webhooks.endpoints SET active = true, disabled_reason = NULL, failure_count = 0, updated_at = now() WHERE id = ?",
                List.of(id));
        return byIds(List.of(id)).get(id);
    }

    private List<Endpoint> select(String where, List<?> parameters) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM webhooks.endpoints " + where, parameters, this::read);
    }

    private Endpoint read(ResultSet rs) throws SQLException {
        UUID uuid = rs.getObject("uuid", UUID.class);
        String last = rs.getString("last_delivery_status");
        return new Endpoint(rs.getLong("id"), uuid, rs.getObject("organization_id", UUID.class), Audience.ofStored(rs.getString("audience")),
                rs.getString("scope"), rs.getString("name"), rs.getString("url"), List.of((String[]) rs.getArray("events").getArray()),
                rs.getBoolean("active"), rs.getString("disabled_reason"), rs.getInt("max_attempts"), rs.getInt("failure_count"),
                last == null ? null : DeliveryStatus.valueOf(last.toUpperCase(Locale.ROOT)), Sql.instant(rs.getTimestamp("last_triggered_at")),
                readMap(rs.getString("metadata"), Object.class), readMap(rs.getString("custom_headers"), String.class),
                open(rs.getString("secret"), uuid), open(rs.getString("previous_secret"), uuid),
                Sql.instant(rs.getTimestamp("previous_secret_until")), Sql.instant(rs.getTimestamp("created_at")),
                Sql.instant(rs.getTimestamp("updated_at")), Sql.instant(rs.getTimestamp("deleted_at")));
    }

    private <V> Map<String, V> readMap(String text, Class<V> valueType) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Argument.mapOf(Argument.STRING, Argument.of(valueType)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String seal(SigningSecret secret, UUID uuid) {
        return secret == null ? null : box.seal(secret.value(), "webhook-endpoint:" + uuid);
    }

    private SigningSecret open(String sealed, UUID uuid) {
        return sealed == null ? null : new SigningSecret(box.open(sealed, "webhook-endpoint:" + uuid));
    }
}
