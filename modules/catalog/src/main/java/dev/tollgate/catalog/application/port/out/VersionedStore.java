package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Versions of plans or of add-ons, in families by key. Deleted versions are kept and found by id. */
public interface VersionedStore<T> {
    /** Inserts or replaces; a second draft of one key, or a version number taken twice, is a conflict. */
    void save(T item);

    Optional<T> find(UUID namespace, UUID id);

    /** The version of {@code key} in force at {@code now}, if any. */
    Optional<T> findActive(UUID namespace, String key, Instant now);

    /** The highest version of {@code key} that is not deleted, draft or not. */
    Optional<T> findLatest(UUID namespace, String key);

    /** The highest version number {@code key} has used, deleted versions included; 0 for a new key. */
    int maxVersion(UUID namespace, String key);

    Page<T> list(UUID namespace, CatalogFilter filter, PageRequest page, Instant now);
}
