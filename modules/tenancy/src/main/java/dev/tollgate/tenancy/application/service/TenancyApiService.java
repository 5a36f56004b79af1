package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import dev.tollgate.tenancy.application.port.out.ApiKeyStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.tenancy.domain.ApiKeyScope;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Singleton
class TenancyApiService implements TenancyApi {
    private final OrganizationStore organizations;
    private final OrganizationAccess access;
    private final UserStore users;
    private final ApiKeyStore apiKeys;
    private final AuthenticationService authentication;
    private final Clock clock;
    private final dev.tollgate.tenancy.application.port.out.CustomerStore customers;

    private final CredentialCache cache;
    private final dev.tollgate.tenancy.application.port.out.MembershipStore memberships;

    TenancyApiService(OrganizationStore organizations, OrganizationAccess access, UserStore users, ApiKeyStore apiKeys,
                      AuthenticationService authentication, Clock clock, dev.tollgate.tenancy.application.port.out.CustomerStore customers,
                      CredentialCache cache, dev.tollgate.tenancy.application.port.out.MembershipStore memberships) {
        this.memberships = memberships;
        this.cache = cache;
        this.customers = customers;
        this.organizations = organizations;
        this.access = access;
        this.users = users;
        this.apiKeys = apiKeys;
        this.authentication = authentication;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<SeededAdmin> seedAdminIfEmpty(String email, String password, String organizationSlug, String apiKey) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        var signedIn = authentication.signUp(new AuthenticateUseCase.SignUpCommand(email, password, "Admin", "Demo", organizationSlug));
        Organization organization = signedIn.organization();
        Set<String> all = Set.of(ApiKeyScope.ALL);
        ApiKey.Issued key = apiKey == null
                ? ApiKey.issue(organization.id(), signedIn.user().id(), "demo admin key", all, clock.instant())
                : ApiKey.issueWithSecret(organization.id(), signedIn.user().id(), "demo admin key", all, apiKey, clock.instant());
        apiKeys.save(key.key());
        return Optional.of(new SeededAdmin(signedIn.user().email(), organization.publicId(), organization.slug().value(),
                organization.number(), key.plaintext()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrganizationSummary> findOrganization(UUID organizationId) {
        return organizations.findById(organizationId).map(TenancyApiService::summary);
    }

    // No transaction: the organization comes from CredentialCache and memberships from their store's cache, so a hit
    // borrows no connection (cross-app checks ask this on every request).
    @Override
    public void requireOrganizationAccess(Caller caller, UUID organizationId, Capability capability) {
        Organization organization = cache.organization(organizationId, organizations::findById)
                .orElseThrow(() -> NotFoundException.of("Organization", organizationId.toString()));
        access.require(caller, organization, permissionFor(capability));
    }

    @Override
    @Transactional
    public void recordPlan(String organizationPublicId, String plan) {
        access.findByIdOrSlug(organizationPublicId).ifPresent(organization -> {
            if (!plan.equals(organization.plan())) {
                organization.changePlan(plan, clock.instant());
                organizations.save(organization);
            }
        });
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<String, Long> organizationsPerPlan() {
        return organizations.countPerPlan();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, String> plansOf(java.util.Collection<UUID> organizationIds) {
        return organizations.plansOf(organizationIds);
    }

    @Override
    @Transactional(readOnly = true)
    public long memberCount(UUID organizationId) {
        return memberships.countMembers(organizationId);
    }

    @Override
    public OrganizationSummary requireWorkspace(Caller caller, String slug, Capability capability) {
        Organization organization = organizations.findBySlug(slug).orElseThrow(() -> NotFoundException.of("Workspace", slug));
        try {
            access.require(caller, organization, permissionFor(capability));
        } catch (NotFoundException noRelation) {
            throw new ForbiddenException("You are not a member of workspace '" + slug + "'");
        }
        return summary(organization);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrganizationSummary> findOrganization(String idOrSlug) {
        return access.findByIdOrSlug(idOrSlug).map(TenancyApiService::summary);
    }

    @Override
    public OrganizationSummary requireOrganization(Caller caller, String idOrSlug, Capability capability) {
        return summary(access.requireByIdOrSlug(caller, idOrSlug, permissionFor(capability)));
    }

    @Override
    @Transactional(readOnly = true)
    public OrganizationSummary requireNamespace(Caller caller, Capability capability) {
        if (caller.kind() == Caller.Kind.OPERATOR) {
            return new OrganizationSummary(SYSTEM_NAMESPACE, "system", "system", "Tollgate platform");
        }
        UUID organizationId = caller.organizationId();
        if (organizationId == null && caller.isUser()) {
            organizationId = users.findById(caller.userId()).map(u -> u.currentOrganizationId())
                    .orElseThrow(() -> new ForbiddenException("no_current_workspace", "Choose a current workspace first"));
        }
        if (organizationId == null) {
            throw new ForbiddenException("no_current_workspace", "Choose a current workspace first");
        }
        // Cached briefly: ingestion asks this on every request (see CredentialCache).
        Organization organization = cache.organization(organizationId, organizations::findById)
                .orElseThrow(() -> new ForbiddenException("no_current_workspace", "The current workspace no longer exists"));
        access.require(caller, organization, permissionFor(capability));
        return summary(organization);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<CustomerAttribution> requireCustomers(UUID namespace, java.util.List<String> idsOrKeys) {
        java.util.Map<String, CustomerAttribution> live = liveCustomers(namespace, idsOrKeys);
        java.util.List<CustomerAttribution> found = new java.util.ArrayList<>();
        for (String idOrKey : idsOrKeys) {
            CustomerAttribution customer = live.get(idOrKey);
            if (customer == null) {
                throw NotFoundException.of("Customer", idOrKey);
            }
            found.add(customer);
        }
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<String, CustomerAttribution> liveCustomers(UUID namespace, java.util.Collection<String> idsOrKeys) {
        // ULIDs in one read; a name that is no live customer's ULID may still be a key (CustomerService.findLive's order).
        java.util.Map<UUID, java.util.List<String>> byUlid = new java.util.HashMap<>();
        for (String idOrKey : idsOrKeys) {
            dev.tollgate.platform.domain.Ulid.parse(idOrKey).ifPresent(id -> byUlid.computeIfAbsent(id, any -> new java.util.ArrayList<>()).add(idOrKey));
        }
        java.util.Map<String, CustomerAttribution> found = new java.util.HashMap<>();
        for (dev.tollgate.tenancy.domain.Customer customer : customers.findLive(namespace, byUlid.keySet())) {
            byUlid.get(customer.id()).forEach(name -> found.put(name, attribution(customer)));
        }
        for (String idOrKey : idsOrKeys) {
            if (!found.containsKey(idOrKey)) {
                customers.findLiveByKey(namespace, idOrKey).ifPresent(customer -> found.put(idOrKey, attribution(customer)));
            }
        }
        return found;
    }

    private static CustomerAttribution attribution(dev.tollgate.tenancy.domain.Customer customer) {
        return new CustomerAttribution(customer.ulid(), customer.key(), customer.attributedValues());
    }

    @Override
    @Transactional(readOnly = true)
    public CustomerDetails requireCustomer(UUID namespace, String idOrKey) {
        return details(CustomerService.findLive(customers, namespace, idOrKey).orElseThrow(() -> NotFoundException.of("Customer", idOrKey)));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<CustomerDetails> findCustomers(UUID namespace, String name, String key, String primaryEmail) {
        var filter = new dev.tollgate.tenancy.domain.CustomerFilter(false, key, name, primaryEmail, null, "createdAt", false);
        java.util.List<CustomerDetails> found = new java.util.ArrayList<>();
        // Whole pages until the last: the store's largest page, so a namespace's customers cost few round trips.
        for (int offset = 0; ; offset += dev.tollgate.platform.domain.PageRequest.MAX_LIMIT) {
            var page = customers.list(namespace, filter, new dev.tollgate.platform.domain.PageRequest(offset,
                    dev.tollgate.platform.domain.PageRequest.MAX_LIMIT));
            page.items().forEach(c -> found.add(details(c)));
            if (!page.hasNext()) {
                return found;
            }
        }
    }

    private static CustomerDetails details(dev.tollgate.tenancy.domain.Customer c) {
        dev.tollgate.tenancy.domain.Customer.Address a = c.billingAddress();
        return new CustomerDetails(c.ulid(), c.name(), c.description(), c.metadata(), c.key(), c.subjectKeys(), c.primaryEmail(), c.currency(),
                a == null ? null : new PostalAddress(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber()),
                c.createdAt(), c.updatedAt());
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<String, String> customersOfSubjects(UUID namespace, java.util.Collection<String> subjects) {
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        if (subjects.isEmpty()) {
            return owners;
        }
        for (dev.tollgate.tenancy.domain.Customer customer : customers.ownersOf(namespace, java.util.List.copyOf(subjects))) {
            customer.attributedValues().stream().filter(subjects::contains).forEach(subject -> owners.put(subject, customer.ulid()));
        }
        return owners;
    }

    static Permission permissionFor(Capability capability) {
        return switch (capability) {
            case READ_ORGANIZATION -> Permission.READ_ORGANIZATION;
            case MANAGE_ORGANIZATION -> Permission.UPDATE_ORGANIZATION;
            case READ_PROJECTS -> Permission.READ_PROJECTS;
            case MANAGE_PROJECTS -> Permission.MANAGE_PROJECTS;
            case READ_METERS -> Permission.READ_METERS;
            case MANAGE_METERS -> Permission.MANAGE_METERS;
            case INGEST_EVENTS -> Permission.INGEST_EVENTS;
            case READ_ENTITLEMENTS -> Permission.READ_ENTITLEMENTS;
            case MANAGE_ENTITLEMENTS -> Permission.MANAGE_ENTITLEMENTS;
            case RECORD_USAGE -> Permission.RECORD_USAGE;
            case READ_BILLING -> Permission.READ_BILLING;
            case MANAGE_BILLING -> Permission.MANAGE_BILLING;
            case READ_INVOICES -> Permission.READ_INVOICES;
        };
    }

    private static OrganizationSummary summary(Organization o) {
        return new OrganizationSummary(o.id(), o.publicId(), o.slug().value(), o.name());
    }
}
