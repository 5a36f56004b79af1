package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Marketplace accounts through their repository; the lock is an advisory lock, explicit JDBC (ADR 0029). */
@Singleton
final class JdbcMarketplaceAccountStore implements MarketplaceAccountStore {
    private final MarketplaceAccountRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcMarketplaceAccountStore(MarketplaceAccountRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void lock(Provider provider, String externalId) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            s.setString(1, "entitlements.marketplace_accounts:" + provider.key() + ":" + externalId);
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock marketplace account " + externalId, e);
        }
    }

    @Override
    public Optional<MarketplaceAccount> find(Provider provider, String externalId) {
        return rows.findByProviderAndExternalId(provider.key(), externalId).map(JdbcMarketplaceAccountStore::toDomain);
    }

    @Override
    public Optional<MarketplaceAccount> findByClaimTokenHash(String claimTokenHash) {
        return rows.findByClaimTokenHash(claimTokenHash).map(JdbcMarketplaceAccountStore::toDomain);
    }

    @Override
    public List<MarketplaceAccount> ofOrganization(Provider provider, java.util.UUID organizationId) {
        return rows.findByProviderAndOrganizationIdOrderByCreatedAt(provider.key(), organizationId).stream()
                .map(JdbcMarketplaceAccountStore::toDomain).toList();
    }

    @Override
    public void save(MarketplaceAccount a) {
        MarketplaceAccountRow row = new MarketplaceAccountRow(a.id(), a.provider().key(), a.externalId(), a.organizationId(),
                a.vendorAccountId(), a.productCode(), a.plan(), a.status(), a.accessTokenSealed(), a.claimTokenHash(), a.createdAt(),
                a.updatedAt(), a.endedAt());
        if (rows.existsById(a.id())) {
            rows.update(row);
        } else {
            rows.save(row);
        }
    }

    @Override
    public List<MarketplaceAccount> billableSince(Instant since) {
        return rows.billableSince(since).stream().map(JdbcMarketplaceAccountStore::toDomain).toList();
    }

    private static MarketplaceAccount toDomain(MarketplaceAccountRow r) {
        return new MarketplaceAccount(r.id(), Provider.of(r.provider()), r.externalId(), r.organizationId(), r.vendorAccountId(),
                r.productCode(), r.plan(), r.status(), r.accessTokenSealed(), r.claimTokenHash(), r.createdAt(), r.updatedAt(), r.endedAt());
    }
}
