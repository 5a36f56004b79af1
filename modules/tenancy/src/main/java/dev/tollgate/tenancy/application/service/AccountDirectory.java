package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.domain.Secrets;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.CreateWorkspaceCommand;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.application.port.out.PasswordHasher;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.User;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Users by email and their workspaces, for entitlement provisioning and cross-app checks. */
@Singleton
class AccountDirectory implements AccountsApi {
    private final UserStore users;
    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final WorkspaceService workspaces;
    private final PasswordHasher passwords;
    private final Clock clock;

    AccountDirectory(UserStore users, OrganizationStore organizations, MembershipStore memberships, WorkspaceService workspaces,
                     PasswordHasher passwords, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Workspace provisionAccount(String email, String name) {
        String normalized = User.normalizeEmail(email);
        User user = users.findByEmail(normalized).orElseGet(() -> {
            // A random password nobody knows: the person signs in through the identity provider, by this email.
            User created = User.register(normalized, name, passwords.hash(Secrets.generate("unusable_")), clock.instant());
            users.save(created);
            return created;
        });
        Optional<Organization> current = workspaces.current(Caller.user(user.id(), null));
        if (current.isPresent()) {
            return view(current.get());
        }
        Organization organization = workspaces.createOwnedBy(user,
                new CreateWorkspaceCommand(user.name() + "'s workspace", null, null, null, null, "personal", normalized));
        users.save(user.withCurrentOrganization(organization.id()));
        return view(organization);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Workspace> currentWorkspaceOf(String email) {
        return userByEmail(email).flatMap(user -> workspaces.current(Caller.user(user.id(), null))).map(AccountDirectory::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Workspace> workspaceOfMember(UUID organizationId, String email) {
        return userByEmail(email).filter(user -> memberships.find(organizationId, user.id()).isPresent())
                .flatMap(user -> organizations.findById(organizationId)).map(AccountDirectory::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Workspace> workspace(UUID organizationId) {
        return organizations.findById(organizationId).map(AccountDirectory::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Workspace currentWorkspace(Caller caller) {
        return workspaces.current(caller).map(AccountDirectory::view).orElseThrow(() -> new NotFoundException("No workspace found for user."));
    }

    @Override
    public Workspace requireWorkspace(Caller caller, long number) {
        return view(workspaces.getByNumber(caller, number));
    }

    /** An address that is not an email names nobody (rather than failing: the callers answer "not found"). */
    private Optional<User> userByEmail(String email) {
        try {
            return users.findByEmail(User.normalizeEmail(email));
        } catch (dev.tollgate.platform.domain.ValidationException notAnEmail) {
            return Optional.empty();
        }
    }

    private static Workspace view(Organization o) {
        return new Workspace(o.id(), o.publicId(), o.number(), o.slug().value(), o.name());
    }
}
