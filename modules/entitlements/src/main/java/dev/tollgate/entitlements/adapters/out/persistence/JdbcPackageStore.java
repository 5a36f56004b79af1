package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.domain.PackageKind;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Packages through their repository; the named lock is an advisory lock, explicit JDBC (ADR 0029). */
@Singleton
final class JdbcPackageStore implements PackageStore {
    private final PackageRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcPackageStore(PackageRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public WorkspacePackage insert(WorkspacePackage p) {
        return p.withId(rows.save(toRow(p)).id());
    }

    @Override
    public void update(WorkspacePackage p) {
        rows.update(p.id(), p.status().wireName(), p.statusReason(), p.expiresAt(), p.billingCycleAnchor(), p.updatedAt());
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
        return rows.findForUpdate(id).map(JdbcPackageStore::toDomain);
    }

    @Override
    public Optional<WorkspacePackage> find(long id) {
        return rows.findById(id).map(JdbcPackageStore::toDomain);
    }

    @Override
    public Optional<WorkspacePackage> findByService(UUID partnerId, String blestaServiceId) {
        return rows.findByPartnerIdAndBlestaServiceId(partnerId, blestaServiceId).map(JdbcPackageStore::toDomain);
    }

    @Override
    public List<WorkspacePackage> ofOrganization(UUID organizationId) {
        return rows.findByOrganizationIdOrderById(organizationId).stream().map(JdbcPackageStore::toDomain).toList();
    }

    private static PackageRow toRow(WorkspacePackage p) {
        return new PackageRow(p.id(), p.organizationId(), p.partnerId(), p.productKey(), p.productName(), p.status().wireName(), p.statusReason(),
                p.startsAt(), p.expiresAt(), p.billingCycleAnchor(), p.blestaServiceId(), p.createdAt(), p.updatedAt(), p.kind().wireName(),
                p.productCode());
    }

    private static WorkspacePackage toDomain(PackageRow r) {
        return new WorkspacePackage(r.id(), r.organizationId(), r.partnerId(), PackageKind.fromWire(r.productKind()), r.productKey(), r.productCode(),
                r.productName(), PackageStatus.fromWire(r.status()), r.statusReason(), r.startsAt(), r.expiresAt(), r.billingCycleAnchor(),
                r.blestaServiceId(), r.createdAt(), r.updatedAt());
    }
}
