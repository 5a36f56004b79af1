package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.domain.Meter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface MeterStore {

    /** Inserts or updates; a second live meter with the same slug in the namespace is a conflict. */
    void save(Meter meter);

    Optional<Meter> findLive(UUID namespace, UUID id);

    Optional<Meter> findLiveBySlug(UUID namespace, String slug);

    /** The live meters with any of these slugs, in one read. */
    List<Meter> findLiveBySlugs(UUID namespace, java.util.Collection<String> slugs);

    List<Meter> list(UUID namespace, boolean includeDeleted);
}
