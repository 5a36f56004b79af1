package dev.tollgate.proxy.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.proxy.application.port.out.CustomDomainStore;
import dev.tollgate.proxy.domain.CustomDomain;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcCustomDomainStore implements CustomDomainStore {
    private static final String COLUMNS = "id, project_id, domain, verification_token, verified_at, tls_cert_expiry, created_at, updated_at";
    private final JdbcOperations jdbc;

    JdbcCustomDomainStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(CustomDomain d) {
        String sql = "INSERT INTO proxy.custom_domains (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " verified_at = EXCLUDED.verified_at, tls_cert_expiry = EXCLUDED.tls_cert_expiry, updated_at = EXCLUDED.updated_at";
        update(sql, Arrays.asList(d.id(), d.projectId(), d.domain(), d.verificationToken(), timestamp(d.verifiedAt()), timestamp(d.tlsCertExpiry()),
                timestamp(d.createdAt()), timestamp(d.updatedAt())));
    }

    @Override
    public Optional<CustomDomain> find(UUID projectId, UUID id) {
        return query(" WHERE project_id = ? AND id = ?", List.of(projectId, id)).stream().findFirst();
    }

    @Override
    public Optional<CustomDomain> findVerified(String domain) {
        return query(" WHERE domain = ? AND verified_at IS NOT NULL", List.of(domain)).stream().findFirst();
    }

    @Override
    public Page<CustomDomain> list(UUID projectId, PageRequest page) {
        List<CustomDomain> items = query(" WHERE project_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?", List.of(projectId, page.limit(), page.offset()));
        long total = Sql.count(jdbc.getConnection(), "FROM proxy.custom_domains WHERE project_id = ?", List.of(projectId));
        return new Page<>(items, total, page);
    }

    @Override
    public void delete(UUID id) {
        update("DELETE FROM proxy.custom_domains WHERE id = ?", List.of(id));
    }

    @Override
    public void deleteAllOf(UUID projectId) {
        update("DELETE FROM proxy.custom_domains WHERE project_id = ?", List.of(projectId));
    }

    private void update(String sql, List<?> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("domain_taken", "The domain is already registered for this project, or proven by another");
            }
            throw new IllegalStateException("could not write custom domains", e);
        }
    }

    private List<CustomDomain> query(String where, List<?> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT " + COLUMNS + " FROM proxy.custom_domains" + where)) {
            Sql.bind(s, parameters);
            List<CustomDomain> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new CustomDomain(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read custom domains", e);
        }
    }
}
