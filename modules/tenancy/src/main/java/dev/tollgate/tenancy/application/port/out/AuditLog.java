package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.AuditFilter;
import java.util.List;
import java.util.UUID;

/** Where audit entries are kept: appended, never changed, read newest first. */
public interface AuditLog {
    void append(AuditEntry entry);

    /**
     * Up to {@code limit} entries of the organization matching {@code filter}, newest first, all older than the entry
     * {@code before} (null: from the newest).
     */
    List<AuditEntry> page(UUID organizationId, AuditFilter filter, UUID before, int limit);

    /** When the organization's first entry of {@code type} was recorded, among resources whose id starts with {@code idPrefix} (null: any). */
    /**
     * Deletes up to {@code limit} entries recorded before {@code before} of organizations on {@code tier}, or, with
     * {@code tier} null, of organizations on none of {@code otherTiers} and of organizations that no longer exist.
     * Returns how many it deleted; the only delete the table allows (V7).
     */
    int purge(String tier, java.util.Set<String> otherTiers, java.time.Instant before, int limit);

    /** The most recent {@code limit} entries made by {@code actorId} in {@code organizationIds}, newest first. */
    List<AuditEntry> byActor(String actorId, java.util.Collection<UUID> organizationIds, int limit);

    java.util.Optional<java.time.Instant> firstOf(UUID organizationId, String type, String idPrefix);
}
