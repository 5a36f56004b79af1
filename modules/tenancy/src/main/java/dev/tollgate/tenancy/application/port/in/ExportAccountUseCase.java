package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneRecords.DatabaseRecord;
import dev.tollgate.tenancy.api.spi.DataPlaneRecords.ProjectRecord;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.Consent;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.User;
import java.time.Instant;
import java.util.List;

/**
 * Everything Tollgate keeps about the signed-in person (GDPR portability, CCPA right to know): their profile, their
 * organizations with their role, those organizations' projects and databases, their sessions, consents and their own
 * most recent audit entries (at most {@link #MAX_AUDIT}). Never a credential or a secret.
 */
public interface ExportAccountUseCase {
    int MAX_AUDIT = 1000;

    AccountExport export(Caller caller);

    record Membership(Organization organization, Role role) {
    }

    /** A sign-in session, revoked or expired ones included. */
    record Session(java.util.UUID id, Instant createdAt, Instant expiresAt) {
    }

    record AccountExport(User user, List<Membership> organizations, List<ProjectRecord> projects, List<DatabaseRecord> databases,
                         List<Session> sessions, List<Consent> consents, List<AuditEntry> auditLogs, Instant exportedAt) {
    }
}
