package dev.tollgate.catalog.domain;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** A plan or an add-on: one version with the lifecycle of {@link Versioned}. */
public interface VersionedItem<T extends VersionedItem<T>> {
    Versioned header();

    T replaced(Map<String, Object> doc, Predicate<String> isJsonObject, Instant now);

    T published(Instant now);

    T archived(Instant now);

    T superseded(Instant at);

    T deleted(Instant now);
}
