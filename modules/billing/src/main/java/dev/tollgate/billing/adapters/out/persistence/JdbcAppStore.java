package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.StripeAccount;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcAppStore implements AppStore {
    private final AppRowRepository rows;

    JdbcAppStore(AppRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(App app) {
        Rows.upsert(rows, app.id(), toRow(app));
    }

    @Override
    public Optional<App> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcAppStore::toDomain);
    }

    @Override
    public Optional<App> findInAnyNamespace(UUID id) {
        return rows.findById(id).map(JdbcAppStore::toDomain);
    }

    @Override
    public Optional<App> firstInstalled(UUID namespace, AppType type) {
        return rows.findFirstByNamespaceAndTypeAndDeletedAtIsNullOrderByCreatedAt(namespace, type.wire()).map(JdbcAppStore::toDomain);
    }

    @Override
    public Page<App> listInstalled(UUID namespace, PageRequest page) {
        return new Page<>(rows.installed(namespace, page.limit(), page.offset()).stream().map(JdbcAppStore::toDomain).toList(),
                rows.countByNamespaceAndDeletedAtIsNull(namespace), page);
    }

    private static AppRow toRow(App a) {
        return new AppRow(a.id(), a.namespace(), a.type().wire(), a.name(), a.description(), a.metadata(), a.enableDraftSyncHook(),
                a.enableIssuingSyncHook(), a.createdAt(), a.updatedAt(), a.deletedAt(), a.stripe() == null ? null : a.stripe().accountId(),
                a.stripe() == null ? null : a.stripe().livemode(), a.stripe() == null ? null : a.stripe().maskedApiKey());
    }

    private static App toDomain(AppRow r) {
        return new App(r.id(), r.namespace(), AppType.of(r.type()).orElseThrow(), r.name(), r.description(), r.metadata(), r.enableDraftSyncHook(),
                r.enableIssuingSyncHook(), r.createdAt(), r.updatedAt(), r.deletedAt(), r.stripeAccountId() == null ? null
                : new StripeAccount(r.stripeAccountId(), Boolean.TRUE.equals(r.stripeLivemode()), r.stripeMaskedApiKey()));
    }
}
