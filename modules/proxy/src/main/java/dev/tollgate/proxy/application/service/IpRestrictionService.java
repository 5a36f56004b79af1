package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.in.ManageIpRestrictionsUseCase;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.domain.AllowedNetwork;
import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProjectAccessRevoked;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** IP restrictions (ADR 0056): entries of the project's allowlist, enforced by the proxy at every login. */
@Singleton
class IpRestrictionService implements ManageIpRestrictionsUseCase {
    private final ManagedLookup lookup;
    private final ProjectStore projects;
    private final ApplicationEventPublisher<ProjectAccessRevoked> revocations;
    private final Clock clock;

    private final AuditTrail audit;

    IpRestrictionService(ManagedLookup lookup, ProjectStore projects, ApplicationEventPublisher<ProjectAccessRevoked> revocations,
                         Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.lookup = lookup;
        this.projects = projects;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AllowedNetwork> list(Caller caller, String organization, String database) {
        return projects.allowedNetworks(lookup.database(caller, organization, database, Capability.READ_PROJECTS).project());
    }

    @Override
    @Transactional
    public AllowedNetwork create(Caller caller, String organization, String database, String cidr, String description) {
        Project project = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS).project();
        if (cidr == null || cidr.isBlank()) {
            throw new ValidationException("cidr", "is required");
        }
        if (description != null && description.length() > 100) {
            throw new ValidationException("description", "must be at most 100 characters");
        }
        CidrEntry entry;
        try {
            entry = CidrEntry.parse(0, cidr.strip(), description);
        } catch (ValidationException e) {
            throw new ValidationException("cidr", "is not an IP address or CIDR block: \"" + cidr + "\"");
        }
        if (project.allowedCidrs().stream().anyMatch(c -> c.cidr().equals(entry.cidr()))) {
            throw new ConflictException("cidr_exists", "the database already allows " + entry.cidr());
        }
        List<CidrEntry> allowed = new ArrayList<>(project.allowedCidrs());
        allowed.add(entry);
        project.allow(allowed, clock.instant());
        projects.save(project);
        audit.record(caller, project.organizationId(), new AuditTrail.Change("database", database, "database.ip_allowed",
                "Connections to database '" + database + "' allowed from " + entry.cidr(), null,
                AuditTrail.fields("cidr", entry.cidr(), "description", entry.label())));
        revocations.publishEvent(ProjectAccessRevoked.outside(project.id(), project.allowedCidrs()));
        return projects.allowedNetworks(project).stream().filter(n -> n.cidr().equals(entry.cidr())).findFirst().orElseThrow();
    }
}
