package dev.tollgate.tenancy.api;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of tenancy. */
public interface TenancyApi {
    /**
     * The platform operator's OpenMeter namespace (the nil UUID, never an organization's id): the organizations are its
     * customers, keyed by their public ids, and the proxy's own usage is metered there.
     */
    UUID SYSTEM_NAMESPACE = new UUID(0L, 0L);

    /** The organization's summary, unless it does not exist or is pending deletion. */
    Optional<OrganizationSummary> findOrganization(UUID organizationId);

    /** Records the name of the organization's tier, shown by the organization views (entitlements owns the tier). */
    void recordPlan(String organizationPublicId, String plan);

    /** Live organizations (not pending deletion) per recorded plan, for the operator's billing health. */
    java.util.Map<String, Long> organizationsPerPlan();

    /** The recorded plans of those of {@code organizationIds} that are live; others are left out. */
    java.util.Map<UUID, String> plansOf(java.util.Collection<UUID> organizationIds);

    /** How many members (seats) the organization has. */
    long memberCount(UUID organizationId);

    /** An organization by {@code org_...} id or slug, for trusted callers (the operator's internal routes). */
    Optional<OrganizationSummary> findOrganization(String idOrSlug);

    /** What another module asks to do in an organization; tenancy maps it to roles, API key scopes and token accesses. */
    enum Capability { READ_ORGANIZATION, MANAGE_ORGANIZATION, READ_PROJECTS, MANAGE_PROJECTS, READ_METERS, MANAGE_METERS, INGEST_EVENTS,
        READ_ENTITLEMENTS, MANAGE_ENTITLEMENTS, RECORD_USAGE,
        READ_BILLING, MANAGE_BILLING, READ_INVOICES }

    /** Fails with not-found/forbidden unless {@code caller} has {@code capability} in {@code organizationId}. */
    void requireOrganizationAccess(Caller caller, UUID organizationId, Capability capability);

    /**
     * Resolves an organization by its {@code org_...} id or slug and checks {@code capability}; not-found when it
     * does not exist or the caller may not know it exists.
     */
    OrganizationSummary requireOrganization(Caller caller, String idOrSlug, Capability capability);

    /**
     * A workspace by slug as Centrali answers for it: not-found when no live workspace has that slug, forbidden when the
     * caller has no relation to it (Centrali documents 403 for a workspace one is no member of) or lacks
     * {@code capability} there.
     */
    OrganizationSummary requireWorkspace(Caller caller, String slug, Capability capability);

    /**
     * The organization a request without an organization in its path acts in (OpenMeter's namespace): an API key's
     * own organization, a signed-in user's current workspace. Checks {@code capability} there.
     */
    OrganizationSummary requireNamespace(Caller caller, Capability capability);

    /**
     * The live customers of {@code namespace} named by ULID or key, each with its key (null when it has none) and the values usage is attributed to it by
     * (its key and subject keys); not-found for the first name that matches none.
     */
    java.util.List<CustomerAttribution> requireCustomers(UUID namespace, java.util.List<String> idsOrKeys);

    /**
     * The live customers of {@code namespace} among those named by ULID or key, by the name asked; names that match none
     * are left out. A batch's customers in one read (the invoice worker plans many subscriptions at once).
     */
    java.util.Map<String, CustomerAttribution> liveCustomers(UUID namespace, java.util.Collection<String> idsOrKeys);

    record CustomerAttribution(String id, String key, java.util.Set<String> values) {
    }

    /** A live customer of {@code namespace} by ULID or key, with what billing shows of it; not-found when none matches. */
    CustomerDetails requireCustomer(UUID namespace, String idOrKey);

    /**
     * Every live customer of {@code namespace} whose name, key and primary email contain the given texts
     * (case-insensitive; null = any), oldest first. For billing's customer overrides, which list customers with or
     * without an override of their own.
     */
    java.util.List<CustomerDetails> findCustomers(UUID namespace, String name, String key, String primaryEmail);

    /** A customer as OpenMeter's Customer object shows it; {@code id} is its ULID. */
    record CustomerDetails(String id, String name, String description, java.util.Map<String, String> metadata, String key,
                           java.util.List<String> subjectKeys, String primaryEmail, String currency, PostalAddress billingAddress,
                           java.time.Instant createdAt, java.time.Instant updatedAt) {
    }

    record PostalAddress(String country, String postalCode, String state, String city, String line1, String line2, String phoneNumber) {
    }

    /** For each of {@code subjects} that a live customer of {@code namespace} owns: subject → the customer's id. */
    java.util.Map<String, String> customersOfSubjects(UUID namespace, java.util.Collection<String> subjects);

    record OrganizationSummary(UUID id, String publicId, String slug, String name) {
    }

    /**
     * On a database without users: creates the admin user, their organization and an all-scopes API key. Empty when
     * users already exist (the seed runs once). {@code apiKey} may be null to generate one.
     */
    Optional<SeededAdmin> seedAdminIfEmpty(String email, String password, String organizationSlug, String apiKey);

    record SeededAdmin(String email, String organizationId, String organizationSlug, long organizationNumber, String apiKey) {
    }
}
