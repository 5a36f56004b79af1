package dev.tollgate.webhooks.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Endpoint;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Endpoints, with their secrets sealed at rest and opened only here. Every lookup a tenant drives names the tenant. */
public interface EndpointStore {
    /** Stores a new endpoint ({@code id} and {@code uuid} of the argument are ignored) and returns it as stored. */
    Endpoint create(Endpoint endpoint);

    /** Writes the endpoint's settings and secrets as given. */
    Endpoint update(Endpoint endpoint);

    Optional<Endpoint> find(UUID organizationId, Audience audience, long id);

    /** An endpoint of {@code audience} by id, whichever tenant owns it: the caller then checks the tenant. */
    Optional<Endpoint> find(Audience audience, long id);

    /** Oldest first (by id), as Laravel lists them. */
    Page<Endpoint> list(UUID organizationId, Audience audience, String scope, PageRequest page);

    long count(UUID organizationId, Audience audience, String scope);

    /**
     * Serializes, until the caller's transaction ends, whatever else changes the endpoints of this tenant, audience and
     * scope: a limit counted before a create then holds.
     */
    void lockScope(UUID organizationId, Audience audience, String scope);

    /** An endpoint of the tenant and audience by its uuid (OpenMeter shows it as a ULID), deleted or not. */
    Optional<Endpoint> find(UUID organizationId, Audience audience, UUID uuid);

    /**
     * How OpenMeter lists: deleted ones only when asked, disabled ones (not deleted) only when asked, narrowed to
     * {@code uuids} when not null; ordered by {@code id} (the uuid), {@code createdAt} or {@code updatedAt}.
     */
    record Search(boolean includeDeleted, boolean includeDisabled, java.util.Set<UUID> uuids, String orderBy, boolean descending) {
    }

    Page<Endpoint> search(UUID organizationId, Audience audience, Search search, PageRequest page);

    /** Marks the endpoint deleted (it receives nothing from then on) and returns it; a second call changes nothing. */
    Endpoint softDelete(long id, java.time.Instant at);

    /** Deletes the endpoint and, with it, its deliveries and their attempts. */
    void delete(long id);

    /** The ids of the active endpoints of a tenant (and scope, when not null) that receive {@code eventType}. */
    List<Long> subscribers(UUID organizationId, Audience audience, String scope, String eventType);

    /** Endpoints by id, whoever owns them: for the delivery worker. */
    Map<Long, Endpoint> byIds(Collection<Long> ids);

    /** Re-enables an endpoint and clears its breaker's count. */
    Endpoint reactivate(long id);
}
