package dev.tollgate.tenancy.application.port.in;

/** Drops audit entries older than their organization's tier keeps them; returns how many went. */
public interface PurgeAuditLogUseCase {
    long purgeExpired();
}
