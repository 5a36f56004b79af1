package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.domain.WorkspaceFilter;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import dev.tollgate.tenancy.application.port.in.PurgeDeletedWorkspacesUseCase;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.application.port.out.CustomerStore;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.Slug;
import dev.tollgate.tenancy.domain.User;
import dev.tollgate.tenancy.domain.WorkspaceType;
import dev.tollgate.tenancy.api.events.OrganizationCreated;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Singleton
class WorkspaceService implements ManageWorkspacesUseCase, PurgeDeletedWorkspacesUseCase {
    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final UserStore users;
    private final OrganizationAccess access;
    private final CustomerStore customers;
    private final CredentialCache cache;
    private final Clock clock;
    private final ApplicationEventPublisher<OrganizationCreated> created;
    private final Outbox outbox;
    private final ApplicationEventPublisher<OrganizationRowChanged> rowChanges;
    private final AuditTrail audit;

    WorkspaceService(OrganizationStore organizations, MembershipStore memberships, UserStore users,
                     OrganizationAccess access, CustomerStore customers, CredentialCache cache, Clock clock,
                     ApplicationEventPublisher<OrganizationCreated> created, ApplicationEventPublisher<OrganizationRowChanged> rowChanges,
                     Outbox outbox, AuditTrail audit) {
        this.audit = audit;
        this.created = created;
        this.outbox = outbox;
        this.rowChanges = rowChanges;
        this.cache = cache;
        this.customers = customers;
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
        this.access = access;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Organization create(Caller caller, CreateWorkspaceCommand command) {
        if (!caller.isUser()) {
            throw new ForbiddenException("Only a signed-in user can create a workspace; it becomes its owner");
        }
        User owner = users.findById(caller.userId()).orElseThrow(() -> NotFoundException.of("User", caller.userId().toString()));
        Organization organization = createOwnedBy(owner, command);
        if (owner.currentOrganizationId() == null) {
            users.save(owner.withCurrentOrganization(organization.id()));
        }
        return organization;
    }

    /** Shared with sign-up: creates the organization and the owner's membership in the caller's transaction. */
    Organization createOwnedBy(User owner, CreateWorkspaceCommand command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new ValidationException("name", "The name field is required.");
        }
        WorkspaceType type = command.type() == null ? WorkspaceType.CUSTOM : WorkspaceType.parse("type", command.type());
        Slug slug = command.slug() == null ? uniqueSlugFor(command.name()) : new Slug(command.slug());
        if (command.slug() != null && organizations.slugExists(slug.value())) {
            throw new ConflictException("slug_taken", "The slug '" + slug + "' is already taken");
        }
        var now = clock.instant();
        Organization organization = Organization.create(organizations.nextNumber(), slug, command.name(), command.description(),
                command.icon(), command.color(), type, command.billingEmail() == null ? owner.email() : command.billingEmail(),
                owner.id(), now);
        organizations.save(organization);
        memberships.save(Membership.join(organization.id(), owner.id(), Role.OWNER, now));
        // The platform meters its own usage per organization: each one is a customer of the system namespace.
        customers.save(Customer.create(TenancyApi.SYSTEM_NAMESPACE, new Customer.Details(organization.name(), null, null,
                organization.publicId(), List.of(), organization.billingEmail(), null, null), now));
        OrganizationCreated event = new OrganizationCreated(organization.id(), organization.publicId());
        // Two ways out (ADR 0028): in this transaction for what must hold when the organization exists (its initial
        // tier), and through the outbox for everything that may follow it (webhooks, other nodes).
        created.publishEvent(event);
        outbox.publish(organization.publicId(), event);
        audit.record(Caller.user(owner.id(), null), organization.id(), AuditTrail.Change.created("workspace", organization.publicId(),
                "Workspace '" + organization.name() + "' created", AuditSnapshots.of(organization)));
        return organization;
    }

    private Slug uniqueSlugFor(String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Slug candidate = Slug.fromName(name);
            if (!organizations.slugExists(candidate.value())) {
                return candidate;
            }
        }
        throw new ConflictException("slug_taken", "Could not find a free slug for '" + name + "'; please choose one");
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Organization> list(Caller caller, WorkspaceFilter filter, PageRequest page) {
        if (caller.isUser()) {
            return organizations.listForMember(caller.userId(), filter, page);
        }
        // An API key or service token sees exactly its own organization.
        List<Organization> own = organizations.findById(caller.organizationId())
                .filter(filter::matches)
                .stream().toList();
        List<Organization> window = page.offset() == 0 ? own : List.of();
        return new Page<>(window, own.size(), page);
    }


    @Override
    @Transactional(readOnly = true)
    public Organization getBySlug(Caller caller, String slug) {
        return access.require(caller, slug, Permission.READ_ORGANIZATION);
    }

    @Override
    public Organization getBySlugForbiddingStrangers(Caller caller, String slug) {
        Organization organization = organizations.findBySlug(slug).orElseThrow(() -> NotFoundException.of("Workspace", slug));
        try {
            access.require(caller, organization, Permission.READ_ORGANIZATION);
        } catch (NotFoundException noRelation) {
            throw new ForbiddenException("You are not a member of workspace '" + slug + "'");
        }
        return organization;
    }

    // No transaction: one read, usually from the store's cache, so a hit borrows no connection.
    // Someone else's workspace answers exactly like a number nobody has (same exception, same message, no slug).
    @Override
    public Organization getByNumber(Caller caller, long number) {
        java.util.function.Supplier<NotFoundException> unknown = () -> NotFoundException.of("Workspace", Long.toString(number));
        Organization organization = organizations.findByNumber(number).orElseThrow(unknown);
        try {
            access.require(caller, organization, Permission.READ_ORGANIZATION);
        } catch (NotFoundException notTheirs) {
            throw unknown.get();
        }
        return organization;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Organization> current(Caller caller) {
        if (!caller.isUser()) {
            return organizations.findById(caller.organizationId());
        }
        User user = users.findById(caller.userId()).orElseThrow(() -> NotFoundException.of("User", caller.userId().toString()));
        Optional<Organization> chosen = Optional.ofNullable(user.currentOrganizationId())
                .flatMap(organizations::findById)
                .filter(o -> access.canSee(caller, o.id()));
        // Fall back to the oldest workspace the user still belongs to (the chosen one may have been deleted).
        return chosen.isPresent() ? chosen
                : organizations.listForMember(user.id(), WorkspaceFilter.NONE, new PageRequest(0, 1)).items().stream().findFirst();
    }

    @Override
    @Transactional
    public Organization switchTo(Caller caller, long number) {
        Organization organization = getByNumber(caller, number);
        if (!caller.isUser()) {
            throw new ForbiddenException("Only a signed-in user has a current workspace to switch");
        }
        users.findById(caller.userId()).ifPresent(u -> users.save(u.withCurrentOrganization(organization.id())));
        return organization;
    }

    @Override
    @Transactional
    public Organization update(Caller caller, Organization target, UpdateWorkspaceCommand command) {
        access.require(caller, target, Permission.UPDATE_ORGANIZATION);
        var before = AuditSnapshots.of(target);
        var now = clock.instant();
        if (command.name() != null) {
            target.rename(command.name(), now);
        }
        if (command.slug() != null && !command.slug().equals(target.slug().value())) {
            Slug slug = new Slug(command.slug());
            if (organizations.slugExists(slug.value())) {
                throw new ConflictException("slug_taken", "The slug '" + slug + "' is already taken");
            }
            target.changeSlug(slug, now);
        }
        if (command.description() != null || command.clearDescription()) {
            target.describe(command.description(), now);
        }
        if (command.icon() != null || command.color() != null || command.clearIcon() || command.clearColor()) {
            target.restyle(command.clearIcon() ? null : command.icon() != null ? command.icon() : target.icon(),
                    command.clearColor() ? null : command.color() != null ? command.color() : target.color(), now);
        }
        if (command.active() != null) {
            target.setActive(command.active(), now);
        }
        organizations.save(target);
        cache.forgetOrganization(target.id());
        rowChanges.publishEvent(new OrganizationRowChanged(target.id())); // and again once committed
        var after = AuditSnapshots.of(target);
        if (!after.equals(before)) {
            audit.record(caller, target.id(), AuditTrail.Change.updated("workspace", target.publicId(),
                    "Workspace '" + target.name() + "' updated", before, after));
        }
        return target;
    }

    @Override
    @Transactional
    public Organization requestDeletion(Caller caller, Organization target, LastWorkspace rule) {
        access.require(caller, target, Permission.DELETE_ORGANIZATION);
        if (rule == LastWorkspace.KEPT && caller.isUser() && organizations.countForMember(caller.userId()) <= 1) {
            throw new ValidationException("cannot_delete",
                    List.of(new dev.tollgate.platform.domain.FieldError("workspace", "You cannot delete your only workspace.")));
        }
        target.requestDeletion(clock.instant());
        organizations.save(target);
        audit.record(caller, target.id(), AuditTrail.Change.of("workspace", target.publicId(), "deletion_requested",
                "Deletion of workspace '" + target.name() + "' requested; it can be restored until " + target.purgeAfter()));
        cache.forgetOrganization(target.id());
        rowChanges.publishEvent(new OrganizationRowChanged(target.id())); // and again once committed
        return target;
    }

    @Override
    @Transactional
    public Organization restore(Caller caller, String slug) {
        Organization target = organizations.findBySlugIncludingDeleted(slug)
                .orElseThrow(() -> NotFoundException.of("Workspace", slug));
        try {
            access.require(caller, target, Permission.DELETE_ORGANIZATION);
        } catch (NotFoundException noRelation) {
            throw new ForbiddenException("You are not a member of workspace '" + slug + "'"); // Centrali documents 403
        }
        target.restore(clock.instant());
        organizations.save(target);
        audit.record(caller, target.id(), AuditTrail.Change.of("workspace", target.publicId(), "restored",
                "Workspace '" + target.name() + "' restored"));
        cache.forgetOrganization(target.id());
        rowChanges.publishEvent(new OrganizationRowChanged(target.id())); // and again once committed
        return target;
    }

    @Override
    public long memberCount(Organization organization) {
        return memberships.countMembers(organization.id());
    }

    @Override
    @Transactional
    public int purgeExpired() {
        return organizations.purgeExpired(clock.instant());
    }
}
