package dev.tollgate.tenancy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ExportAccountUseCase;
import dev.tollgate.tenancy.application.port.in.ExportAccountUseCase.AccountExport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * PgBeam's ExportAccountData: the signed-in person's data as JSON. Tollgate verifies no email addresses and keeps no
 * email preferences, so {@code email_verified} is false and {@code email_preferences} is empty; sessions record no
 * address or user agent.
 */
@Controller("/v1/account/export")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: account")
final class AccountExportController {
    private final ExportAccountUseCase exports;

    AccountExportController(ExportAccountUseCase exports) {
        this.exports = exports;
    }

    @Serdeable
    record UserData(String id, String name, String email, boolean email_verified, Instant created_at, Instant updated_at) {
    }

    @Serdeable
    record OrganizationData(String id, String name, String slug, String role, Instant created_at) {
    }

    @Serdeable
    record ProjectData(String id, String org_id, String name, String description, String status, Instant created_at) {
    }

    @Serdeable
    record DatabaseData(String id, String project_id, String host, int port, String name, String ssl_mode, String role, Instant created_at) {
    }

    @Serdeable
    record SessionData(String id, Instant created_at, Instant expires_at) {
    }

    @Serdeable
    record ConsentData(String id, String document_type, String document_version, @Nullable String ip_address, Instant accepted_at) {
    }

    @Serdeable
    record AuditLogData(String id, String action, Instant created_at, @Nullable String ip_address, String resource_id, String resource_type) {
    }

    @Serdeable
    record EmailPreferences() {
    }

    @Serdeable
    record AccountExportView(UserData user, List<OrganizationData> organizations, List<ProjectData> projects, List<DatabaseData> databases,
                             List<SessionData> sessions, EmailPreferences email_preferences, List<ConsentData> consents,
                             List<AuditLogData> audit_logs, Instant exported_at) {
    }

    @Get
    @Operation(operationId = "ExportAccountData", summary = "Export account data")
    AccountExportView export(Caller caller) {
        AccountExport e = exports.export(caller);
        var u = e.user();
        return new AccountExportView(new UserData(u.publicId(), u.name(), u.email(), false, u.createdAt(), u.createdAt()),
                e.organizations().stream().map(m -> new OrganizationData(m.organization().publicId(), m.organization().name(),
                        m.organization().slug().value(), m.role().wireName(), m.organization().createdAt())).toList(),
                e.projects().stream().map(p -> new ProjectData(p.id(), p.organizationId(), p.name(), p.description(), p.status(), p.createdAt()))
                        .toList(),
                e.databases().stream().map(d -> new DatabaseData(d.id(), d.projectId(), d.host(), d.port(), d.name(), d.sslMode(), d.role(),
                        d.createdAt())).toList(),
                e.sessions().stream().map(s -> new SessionData(TypeId.format("ses", s.id()), s.createdAt(), s.expiresAt())).toList(),
                new EmailPreferences(),
                e.consents().stream().map(c -> new ConsentData(c.publicId(), c.documentType(), c.documentVersion(), c.ipAddress(), c.acceptedAt()))
                        .toList(),
                e.auditLogs().stream().map(a -> new AuditLogData(a.publicId(), a.type(), a.at(), a.sourceAddress(), a.resourceId(),
                        a.resourceType())).toList(),
                e.exportedAt());
    }
}
