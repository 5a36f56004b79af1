package dev.tollgate.catalog.application.service;

import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.catalog.application.port.out.VersionedStore;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.VersionedItem;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The version rules plans and add-ons share, over their store: one draft per key, new versions numbered after every
 * earlier one (deleted ones too), publishing archives the version it replaces at the same instant, and only drafts
 * change. Callers run these inside their transaction.
 */
final class VersionLifecycle<T extends VersionedItem<T>> {
    /** Makes a new version from a request document. */
    interface Definer<T> {
        T define(UUID namespace, int version, Map<String, Object> document, Instant now);
    }

    private final VersionedStore<T> store;
    private final String label;
    private final JsonSyntax json;
    private final Clock clock;

    VersionLifecycle(VersionedStore<T> store, String label, JsonSyntax json, Clock clock) {
        this.store = store;
        this.label = label;
        this.json = json;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    T create(UUID namespace, Map<String, Object> document, Definer<T> definer) {
        // a key PostgreSQL cannot hold (NUL) is not looked up; define() reports it with the document's other errors
        String key = document.get("key") instanceof String s && s.indexOf('\u0000') < 0 ? s : null;
        int version = 1;
        if (key != null) {
            requireNoDraft(namespace, key);
            version = store.maxVersion(namespace, key) + 1;
        }
        T item = definer.define(namespace, version, document, now());
        store.save(item);
        return item;
    }

    T get(UUID namespace, String idOrKey, boolean includeLatest) {
        Optional<T> byId = Ulid.parse(idOrKey).flatMap(id -> store.find(namespace, id));
        if (byId.isPresent()) {
            return byId.get();
        }
        Optional<T> byKey = includeLatest ? store.findLatest(namespace, idOrKey) : store.findActive(namespace, idOrKey, now());
        return byKey.orElseThrow(() -> NotFoundException.of(label, idOrKey));
    }

    /** By ULID only: the operations that change one version name it exactly. */
    T require(UUID namespace, String id) {
        return Ulid.parse(id).flatMap(uuid -> store.find(namespace, uuid)).filter(item -> !item.header().deleted())
                .orElseThrow(() -> NotFoundException.of(label, id));
    }

    T update(UUID namespace, String id, Map<String, Object> document) {
        T updated = require(namespace, id).replaced(document, json::isObject, now());
        store.save(updated);
        return updated;
    }

    void delete(UUID namespace, String id) {
        store.save(require(namespace, id).deleted(now()));
    }

    /** Publishes unless {@code problems} finds something; the active version of the same key is archived at that instant. */
    T publish(UUID namespace, String id, Function<T, List<FieldError>> problems) {
        T draft = require(namespace, id);
        List<FieldError> found = problems.apply(draft);
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        T published = draft.published(now());
        Instant at = published.header().effectiveFrom();
        store.findActive(namespace, draft.header().key(), at)
                .filter(active -> !active.header().id().equals(draft.header().id()))
                .ifPresent(active -> store.save(active.superseded(at)));
        store.save(published);
        return published;
    }

    T archive(UUID namespace, String id) {
        T archived = require(namespace, id).archived(now());
        store.save(archived);
        return archived;
    }

    /** The next version number of a key, refusing while a draft exists (OpenMeter allows one draft per key). */
    void requireNoDraft(UUID namespace, String key) {
        store.findLatest(namespace, key).filter(latest -> latest.header().status(now()) == CatalogStatus.DRAFT).ifPresent(draft -> {
            throw new ValidationException(label.toLowerCase() + "_draft_exists", List.of(new FieldError("key",
                    "only a single draft version is allowed for " + label + " '" + key + "'; update or publish version "
                            + draft.header().version() + " first", label.toLowerCase() + "_draft_exists")));
        });
    }

    int nextVersion(UUID namespace, String key) {
        return store.maxVersion(namespace, key) + 1;
    }

    VersionedStore<T> store() {
        return store;
    }
}
