package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneRecords;
import dev.tollgate.tenancy.application.port.in.ExportAccountUseCase;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.application.port.out.ConsentStore;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.application.port.out.SessionStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.User;
import dev.tollgate.tenancy.domain.WorkspaceFilter;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Singleton
class AccountExportService implements ExportAccountUseCase {
    /** More organizations than one person belongs to. */
    private static final int MAX_ORGANIZATIONS = 1000;
    private final UserStore users;
    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final SessionStore sessions;
    private final ConsentStore consents;
    private final AuditLog audit;
    private final DataPlaneRecords dataPlane;
    private final Clock clock;

    AccountExportService(UserStore users, OrganizationStore organizations, MembershipStore memberships, SessionStore sessions,
                         ConsentStore consents, AuditLog audit, DataPlaneRecords dataPlane, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.memberships = memberships;
        this.sessions = sessions;
        this.consents = consents;
        this.audit = audit;
        this.dataPlane = dataPlane;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public AccountExport export(Caller caller) {
        if (!caller.isUser()) {
            throw new ForbiddenException("user_required", "An account export is a person's own: sign in (API keys and tokens have none)");
        }
        User user = users.findById(caller.userId()).orElseThrow(() -> new UnauthenticatedException("the account no longer exists"));
        List<Organization> mine = organizations.listForMember(user.id(), WorkspaceFilter.NONE, new PageRequest(0, MAX_ORGANIZATIONS)).items();
        List<Membership> roles = mine.stream()
                .flatMap(o -> memberships.find(o.id(), user.id()).map(m -> new Membership(o, m.role())).stream()).toList();
        List<UUID> ids = mine.stream().map(Organization::id).toList();
        return new AccountExport(user, roles, dataPlane.projects(ids), dataPlane.databases(ids), sessions.forUser(user.id()).stream().map(r -> new Session(r.id(), r.createdAt(), r.expiresAt())).toList(),
                consents.forUser(user.id()), audit.byActor(AuditActors.idOf(caller), ids, MAX_AUDIT), clock.instant());
    }
}
