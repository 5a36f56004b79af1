package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.domain.PackageKind;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.platform.persistence.Sql;
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
final class JdbcPackageStore implements PackageStore {
    private static final String COLUMNS = "id, organization_id, partner_id, product_key, product_name, status, status_reason, starts_at, expires_at,"
            + " billing_cycle_anchor, blesta_service_id, created_at, updated_at, product_kind, product_code";
    private final JdbcOperations jdbc;

    JdbcPackageStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public WorkspacePackage insert(WorkspacePackage p) {
        String sql = "INSERT INTO entitlements.packages (organization_id, partner_id, product_key, product_name, status, status_reason, starts_at,"
                + " expires_at, billing_cycle_anchor, blesta_service_id, created_at, updated_at, product_kind, product_code)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, Arrays.asList(p.organizationId(), p.partnerId(), p.productKey(), p.productName(), p.status().wireName(), p.statusReason(),
                    timestamp(p.startsAt()), timestamp(p.expiresAt()), timestamp(p.billingCycleAnchor()), p.blestaServiceId(),
                    timestamp(p.createdAt()), timestamp(p.updatedAt()), p.kind().wireName(), p.productCode()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return p.withId(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save a package", e);
        }
    }

    @Override
    public void update(WorkspacePackage p) {
        String sql = "UPDATE entitlements.packages SET status = ?, status_reason = ?, expires_at = ?, billing_cycle_anchor = ?, updated_at = ?"
                + " WHERE id = ?";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, Arrays.asList(p.status().wireName(), p.statusReason(), timestamp(p.expiresAt()), timestamp(p.billingCycleAnchor()),
                    timestamp(p.updatedAt()), p.id()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update package " + p.id(), e);
        }
    }

    @Override
    public void lock(String name) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            s.setString(1, "entitlements.packages:" + name);
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take lock " + name, e);
        }
    }

    @Override
    public Optional<WorkspacePackage> findForUpdate(long id) {
        return query(" WHERE id = ? FOR UPDATE", List.of(id)).stream().findFirst();
    }

    @Override
    public Optional<WorkspacePackage> find(long id) {
        return query(" WHERE id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public Optional<WorkspacePackage> findByService(UUID partnerId, String blestaServiceId) {
        return query(" WHERE partner_id = ? AND blesta_service_id = ?", List.of(partnerId, blestaServiceId)).stream().findFirst();
    }

    @Override
    public List<WorkspacePackage> ofOrganization(UUID organizationId) {
        return query(" WHERE organization_id = ? ORDER BY id", List.of(organizationId));
    }

    private List<WorkspacePackage> query(String where, List<?> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT " + COLUMNS + " FROM entitlements.packages" + where)) {
            Sql.bind(s, parameters);
            List<WorkspacePackage> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new WorkspacePackage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            PackageKind.fromWire(rs.getString(14)), rs.getString(4), rs.getString(15),
                            rs.getString(5), PackageStatus.fromWire(rs.getString(6)), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)),
                            instant(rs.getTimestamp(13))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read packages", e);
        }
    }
}
