package dev.tollgate.tenancy.domain;

import java.time.Instant;

/**
 * Which entries of an organization's log to read, newest first; each field null means "any". {@code search} is
 * matched, case-insensitively, as a substring of the summary or the resource id. {@code from} is inclusive,
 * {@code to} exclusive.
 */
public record AuditFilter(String resourceType, String resourceId, String type, String actorId, Instant from, Instant to, String search) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);

    public static AuditFilter ofResource(String resourceType, String resourceId) {
        return new AuditFilter(resourceType, resourceId, null, null, null, null, null);
    }
}
