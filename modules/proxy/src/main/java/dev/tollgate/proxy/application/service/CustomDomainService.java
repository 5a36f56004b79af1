package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.ratelimit.RateLimiter;
import dev.tollgate.proxy.application.port.in.ManageCustomDomainsUseCase;
import dev.tollgate.proxy.application.port.out.CustomDomainStore;
import dev.tollgate.proxy.application.port.out.DnsTxtLookup;
import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.domain.CustomDomain;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Singleton
class CustomDomainService implements ManageCustomDomainsUseCase {
    /** Claims cost nothing until proven: a bound keeps one project from claiming names wholesale. */
    static final int MAX_PER_PROJECT = 50;
    /** Each verification asks DNS: a few a minute per domain is plenty while records propagate. */
    static final RateLimiter.Limit VERIFICATIONS = new RateLimiter.Limit("custom-domain-verify", 6, java.time.Duration.ofMinutes(1));
    private final CustomDomainStore domains;
    private final ProjectLookup lookup;
    private final PlanGuard plan;
    private final DnsTxtLookup dns;
    private final ProxySettings settings;
    private final Clock clock;
    private final RateLimiter limiter;

    private final AuditTrail audit;

    CustomDomainService(CustomDomainStore domains, ProjectLookup lookup, PlanGuard plan, DnsTxtLookup dns, ProxySettings settings, Clock clock,
                        RateLimiter limiter, AuditTrail audit) {
        this.audit = audit;
        this.limiter = limiter;
        this.domains = domains;
        this.lookup = lookup;
        this.plan = plan;
        this.dns = dns;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Registered> list(Caller caller, String projectId, PageRequest page) {
        Project project = lookup.project(caller, projectId, Capability.READ_PROJECTS);
        Page<CustomDomain> found = domains.list(project.id(), page);
        return new Page<>(found.items().stream().map(d -> registered(d, project)).toList(), found.total(), page);
    }

    @Override
    @Transactional
    public Registered create(Caller caller, String projectId, String domain) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        plan.requireCustomDomains(project);
        CustomDomain created = CustomDomain.register(project.id(), domain, settings.proxyDomain(), clock.instant());
        if (domains.list(project.id(), new PageRequest(0, 1)).total() >= MAX_PER_PROJECT) {
            throw new ConflictException("domain_limit", "A project holds at most " + MAX_PER_PROJECT + " custom domains; delete one first");
        }
        domains.findVerified(created.domain()).ifPresent(held -> {
            throw new ConflictException("domain_taken", "The domain " + created.domain() + " is already in use by a project that proved it");
        });
        domains.save(created); // the same name twice in one project is a conflict (unique index)
        audit.record(caller, project.organizationId(), AuditTrail.Change.created("custom_domain", created.publicId(),
                "Custom domain " + created.domain() + " added to project '" + project.name() + "'", ProxyAuditFields.of(created)));
        return registered(created, project);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String projectId, String domainId) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        CustomDomain domain = find(project, domainId);
        domains.delete(domain.id());
        audit.record(caller, project.organizationId(), AuditTrail.Change.deleted("custom_domain", domain.publicId(),
                "Custom domain " + domain.domain() + " removed from project '" + project.name() + "'", ProxyAuditFields.of(domain)));
    }

    /** DNS is asked outside any transaction: a slow or silent nameserver holds no database connection. */
    @Override
    public Verification verify(Caller caller, String projectId, String domainId) {
        Registered registered = readForVerification(caller, projectId, domainId);
        CustomDomain domain = registered.domain();
        if (domain.verified()) {
            return new Verification(registered, true, null);
        }
        limiter.acquire(VERIFICATIONS, domain.publicId());
        List<String> published;
        try {
            published = dns.txt(domain.txtHost());
        } catch (DnsTxtLookup.LookupFailed e) {
            return new Verification(registered, false, "Could not read the TXT record at " + domain.txtHost() + ": " + e.getMessage());
        }
        if (!domain.provenBy(published)) {
            String found = published.isEmpty() ? "no TXT record" : "TXT " + published;
            return new Verification(registered, false, "Expected a TXT record at " + domain.txtHost() + " with the value "
                    + domain.txtValue() + "; found " + found);
        }
        return new Verification(markVerified(caller, registered), true, null);
    }

    @Transactional(readOnly = true)
    protected Registered readForVerification(Caller caller, String projectId, String domainId) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        plan.requireCustomDomains(project);
        return registered(find(project, domainId), project);
    }

    /** Another project may have proven the name meanwhile: then this one cannot (a conflict, by the unique index). */
    @Transactional
    protected Registered markVerified(Caller caller, Registered registered) {
        CustomDomain current = domains.find(registered.domain().projectId(), registered.domain().id())
                .orElseThrow(() -> NotFoundException.of("Custom domain", registered.domain().publicId()));
        CustomDomain verified = current.verifiedAt(clock.instant());
        domains.save(verified);
        audit.record(caller, lookup.organizationOfProject(verified.projectId()), AuditTrail.Change.of("custom_domain", verified.publicId(),
                "verified", "Custom domain " + verified.domain() + " proven by its DNS TXT record"));
        return new Registered(verified, registered.projectId(), registered.projectHost());
    }

    private CustomDomain find(Project project, String domainId) {
        UUID id;
        try {
            id = TypeId.parse("dom", domainId);
        } catch (IllegalArgumentException notOurs) {
            throw NotFoundException.of("Custom domain", domainId);
        }
        return domains.find(project.id(), id).orElseThrow(() -> NotFoundException.of("Custom domain", domainId));
    }

    private static Registered registered(CustomDomain domain, Project project) {
        return new Registered(domain, project.publicId(), project.proxyHost());
    }
}
