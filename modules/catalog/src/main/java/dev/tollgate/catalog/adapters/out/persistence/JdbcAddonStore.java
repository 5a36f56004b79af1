package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.catalog.application.port.out.AddonStore;
import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.Versioned;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.Map;

@Singleton
final class JdbcAddonStore extends JdbcVersionedStore<Addon> implements AddonStore {
    JdbcAddonStore(ProductVersionRowRepository rows, JdbcOperations jdbc) {
        super(Addon.KIND, rows, jdbc);
    }

    @Override
    Addon restore(Versioned header, Map<String, Object> terms) {
        return Addon.restore(header, terms);
    }

    @Override
    Map<String, Object> terms(Addon addon) {
        return addon.termsDocument();
    }
}
