package dev.tollgate.webhooks.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.webhooks.domain.NotificationRule;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** OpenMeter's notification rules (ADR 0049). Every read names the namespace. */
public interface NotificationRuleStore {
    void create(NotificationRule rule);

    void update(NotificationRule rule);

    /** A rule of the namespace, deleted or not. */
    Optional<NotificationRule> find(UUID namespace, UUID id);

    /**
     * How OpenMeter lists rules: deleted ones only when asked, disabled ones (not deleted) only when asked; narrowed to
     * rules naming any of {@code features} (ids or keys) and any of {@code channels} when those are not empty.
     */
    record Search(boolean includeDeleted, boolean includeDisabled, Collection<String> features, Collection<UUID> channels, String orderBy,
                  boolean descending) {
    }

    Page<NotificationRule> search(UUID namespace, Search search, PageRequest page);

    void softDelete(UUID namespace, UUID id, Instant at);

    /** The namespaces with a live, enabled rule of one of these types. */
    java.util.Set<UUID> namespacesWithActive(Collection<String> types);

    /** The live, enabled rules of the namespace of this type. */
    List<NotificationRule> active(UUID namespace, String type);
}
