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
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.WorkspaceFilter;
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
        User user = userOrRegistered(normalized, name);
        Optional<Organization> owned = ownedWorkspace(user);
        if (owned.isPresent()) {
            return view(owned.get());
        }
        Organization organization = workspaces.createOwnedBy(user,
                new CreateWorkspaceCommand(user.name() + "'s workspace", null, null, null, null, "personal", normalized));
        users.save(user.withCurrentOrganization(organization.id()));
        return view(organization);
    }

    @Override
    @Transactional
    public Workspace openOrganization(String email, String personName, String organizationName) {
        User user = userOrRegistered(User.normalizeEmail(email), personName);
        Organization organization = workspaces.createOwnedBy(user,
                new CreateWorkspaceCommand(organizationName, null, null, null, null, null, user.email()));
        if (user.currentOrganizationId() == null) {
            users.save(user.withCurrentOrganization(organization.id()));
        }
        return view(organization);
    }

    private User userOrRegistered(String normalizedEmail, String name) {
        return users.findByEmail(normalizedEmail).orElseGet(() -> {
            // A random password nobody knows: the person signs in through the identity provider, by this email.
            User created = User.register(normalizedEmail, name, passwords.hash(Secrets.generate("unusable_")), clock.instant());
            users.save(created);
            return created;
        });
    }

    /**
     * The workspace a package for this person goes into: their current one if they own it, else the oldest they own.
     * Never one they merely belong to: a package replaces a workspace's tier, which is its owner's to have replaced.
     */
    private Optional<Organization> ownedWorkspace(User user) {
        Optional<Organization> current = workspaces.current(Caller.user(user.id(), null)).filter(o -> owns(user, o));
        if (current.isPresent()) {
            return current;
        }
        for (int page = 0; ; page++) {
            var batch = organizations.listForMember(user.id(), WorkspaceFilter.NONE, new PageRequest(page * 100, 100));
            Optional<Organization> found = batch.items().stream().filter(o -> owns(user, o)).findFirst();
            if (found.isPresent() || batch.items().size() < 100) {
                return found;
            }
        }
    }

    private boolean owns(User user, Organization organization) {
        return memberships.find(organization.id(), user.id()).map(m -> m.role() == Role.OWNER).orElse(false);
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
