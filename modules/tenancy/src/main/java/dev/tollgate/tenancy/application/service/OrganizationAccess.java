package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.ApiKeyScope;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import jakarta.inject.Singleton;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place that decides whether a caller may do something to an organization. An organization the caller
 * has no relation to is reported as not found, so ids of other tenants cannot be probed; a relation without
 * enough rights is forbidden.
 */
@Singleton
class OrganizationAccess {
    private final OrganizationStore organizations;
    private final MembershipStore memberships;

    OrganizationAccess(OrganizationStore organizations, MembershipStore memberships) {
        this.organizations = organizations;
        this.memberships = memberships;
    }

    /** Looks the organization up by slug and checks {@code permission} on it. */
    Organization require(Caller caller, String slug, Permission permission) {
        Organization organization = organizations.findBySlug(slug)
                .orElseThrow(() -> NotFoundException.of("Organization", slug));
        require(caller, organization, permission, slug);
        return organization;
    }

    /** Resolves an {@code org_...} id or a slug. */
    Organization requireByIdOrSlug(Caller caller, String idOrSlug, Permission permission) {
        Organization organization = findByIdOrSlug(idOrSlug).orElseThrow(() -> NotFoundException.of("Organization", idOrSlug));
        require(caller, organization, permission, idOrSlug);
        return organization;
    }

    /** An organization known to exist (its id came from one of its own rows), with no access check. */
    Organization byId(UUID organizationId) {
        return organizations.findById(organizationId)
                .orElseThrow(() -> new IllegalStateException("no organization " + organizationId));
    }

    Optional<Organization> findByIdOrSlug(String idOrSlug) {
        return idOrSlug.startsWith("org_") ? byPublicId(idOrSlug) : organizations.findBySlug(idOrSlug);
    }

    void require(Caller caller, Organization organization, Permission permission) {
        require(caller, organization, permission, null);
    }

    /**
     * An organization the caller has no relation to is not found, named only as the caller asked for it
     * ({@code asked}; null: not named at all), so that the answer tells nothing the caller did not already know.
     */
    private void require(Caller caller, Organization organization, Permission permission, String asked) {
        String name = organization.slug().value();
        switch (caller.kind()) {
            case USER -> {
                Membership membership = memberships.find(organization.id(), caller.userId())
                        .orElseThrow(() -> notFound(asked));
                if (!membership.role().atLeast(permission.minimumRole())) {
                    throw new ForbiddenException("Your role '" + membership.role().wireName() + "' in '" + name
                            + "' does not allow this; it needs " + permission.minimumRole().wireName() + " or above");
                }
            }
            case API_KEY -> {
                requireSameOrganization(caller, organization, asked);
                if (!ApiKeyScope.grants(caller.grants(), permission.apiKeyScope())) {
                    throw ForbiddenException.missingScope(permission.apiKeyScope());
                }
            }
            case SERVICE_TOKEN -> {
                requireSameOrganization(caller, organization, asked);
                if (permission.serviceTokenAccess() == null) {
                    throw new ForbiddenException("insufficient_access", "A service token cannot be allowed this; use an API key with the '"
                            + permission.apiKeyScope() + "' scope");
                }
                if (!caller.grants().contains(permission.serviceTokenAccess())) {
                    throw new ForbiddenException("insufficient_access",
                            "This service token lacks the '" + permission.serviceTokenAccess() + "' access");
                }
            }
            // Matches no organization: the operator acts in the system namespace only.
            case OPERATOR -> requireSameOrganization(caller, organization, asked);
            default -> throw new IllegalStateException("unknown caller kind " + caller.kind());
        }
    }

    /**
     * Fails unless the caller could itself use every scope it wants to put on a new API key: a key or token only
     * what it holds, a user only what their role allows. Call after {@link #require} for MANAGE_API_KEYS.
     */
    void requireGrantableScopes(Caller caller, Organization organization, Set<String> scopes) {
        for (String scope : scopes) {
            switch (caller.kind()) {
                case USER -> requireRoleGranting(caller, organization, ApiKeyScope.weakestRoleGranting(scope), "the '" + scope + "' scope");
                case API_KEY -> {
                    if (!ApiKeyScope.grants(caller.grants(), scope)) {
                        throw new ForbiddenException("insufficient_scope", "This API key cannot grant the '" + scope
                                + "' scope: a key can only grant scopes it holds itself");
                    }
                }
                case SERVICE_TOKEN -> {
                    List<Permission> allowed = ApiKeyScope.permissionsOf(scope);
                    Optional<String> missing = allowed.stream()
                            .map(p -> p.serviceTokenAccess() == null ? "(none: service tokens cannot hold it)" : p.serviceTokenAccess())
                            .filter(access -> !caller.grants().contains(access)).findFirst();
                    if (allowed.isEmpty() || missing.isPresent()) {
                        throw new ForbiddenException("insufficient_access", "This service token cannot grant the '" + scope
                                + "' scope: it does not hold what the scope allows" + missing.map(a -> " (access " + a + ")").orElse(""));
                    }
                }
                default -> throw new ForbiddenException("The '" + scope + "' scope cannot be granted by this credential");
            }
        }
    }

    /** Fails unless the caller could itself use the service-token access it wants to grant. */
    void requireGrantableAccess(Caller caller, Organization organization, String access) {
        switch (caller.kind()) {
            case USER -> requireRoleGranting(caller, organization, ServiceTokenAccess.weakestRoleGranting(access), "the '" + access + "' access");
            case SERVICE_TOKEN -> {
                if (!caller.grants().contains(access)) {
                    throw new ForbiddenException("insufficient_access", "This service token cannot grant the '" + access
                            + "' access: a token can only grant accesses it holds itself");
                }
            }
            case API_KEY -> {
                List<Permission> allowed = ServiceTokenAccess.permissionsOf(access);
                Optional<String> missing = allowed.stream().map(Permission::apiKeyScope)
                        .filter(scope -> !ApiKeyScope.grants(caller.grants(), scope)).findFirst();
                if (missing.isPresent() || (allowed.isEmpty() && !caller.grants().contains(ApiKeyScope.ALL))) {
                    throw new ForbiddenException("insufficient_scope", "This API key cannot grant the '" + access
                            + "' access: it needs the '" + missing.orElse(ApiKeyScope.ALL) + "' scope itself");
                }
            }
            default -> throw new ForbiddenException("The '" + access + "' access cannot be granted by this credential");
        }
    }

    private void requireRoleGranting(Caller caller, Organization organization, Role needed, String what) {
        String name = organization.slug().value();
        Membership membership = memberships.find(organization.id(), caller.userId())
                .orElseThrow(() -> notFound(null));
        if (!membership.role().atLeast(needed)) {
            throw new ForbiddenException("Your role '" + membership.role().wireName() + "' in '" + name + "' cannot grant "
                    + what + "; it needs " + needed.wireName());
        }
    }

    /** Whether the caller can see the organization at all (membership, or the credential's own organization). */
    boolean canSee(Caller caller, UUID organizationId) {
        return caller.isUser()
                ? memberships.find(organizationId, caller.userId()).isPresent()
                : organizationId.equals(caller.organizationId());
    }

    private Optional<Organization> byPublicId(String publicId) {
        try {
            return organizations.findById(dev.tollgate.platform.domain.TypeId.parse("org", publicId));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static void requireSameOrganization(Caller caller, Organization organization, String asked) {
        if (!organization.id().equals(caller.organizationId())) {
            throw notFound(asked);
        }
    }

    private static NotFoundException notFound(String asked) {
        return asked == null ? new NotFoundException("Organization not found") : NotFoundException.of("Organization", asked);
    }
}
