package dev.tollgate.webhooks.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.webhooks.domain.NotificationEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** OpenMeter's notification events (ADR 0049). */
public interface NotificationEventStore {
    /** Stores the event unless one with its dedupe key exists in the namespace; true when stored. */
    boolean create(NotificationEvent event);

    Optional<NotificationEvent> find(UUID namespace, UUID id);

    /** The latest event of the namespace with a dedupe key starting with {@code prefix}. */
    Optional<NotificationEvent> latestWithDedupePrefix(UUID namespace, String prefix);

    /** Null or empty filters do not narrow; times inclusive. */
    record Search(Instant from, Instant to, Collection<String> features, Collection<String> subjects, Collection<UUID> rules,
                  Collection<UUID> channels, String orderBy, boolean descending) {
    }

    Page<NotificationEvent> search(UUID namespace, Search search, PageRequest page);
}
