package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.domain.WorkspaceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Organization;
import java.util.Optional;

/**
 * The organization (= workspace) lifecycle, shared by the PlanetScale, php-tenant and Centrali dialects.
 * Lookups return not-found for organizations the caller cannot see, whether or not they exist.
 */
public interface ManageWorkspacesUseCase {

    Organization create(Caller caller, CreateWorkspaceCommand command);

    Page<Organization> list(Caller caller, WorkspaceFilter filter, PageRequest page);

    Organization getBySlug(Caller caller, String slug);

    /**
     * Like {@link #getBySlug}, for a dialect that documents 403 for a workspace the caller is no member of (Centrali):
     * a workspace that exists but is not the caller's is forbidden; one that does not exist is still not found.
     */
    Organization getBySlugForbiddingStrangers(Caller caller, String slug);

    Organization getByNumber(Caller caller, long number);

    /** The user's current workspace (or the API key's own); empty when the user has none left. */
    Optional<Organization> current(Caller caller);

    Organization switchTo(Caller caller, long number);

    Organization update(Caller caller, Organization target, UpdateWorkspaceCommand command);

    /**
     * Starts the grace period; the workspace disappears from every listing at once. With php-tenant's rule
     * ({@link LastWorkspace#KEPT}) a user cannot delete their only workspace; Centrali allows it (restore brings it back).
     */
    Organization requestDeletion(Caller caller, Organization target, LastWorkspace rule);

    /** php-tenant's deletion: a user's only workspace is kept. */
    default Organization requestDeletion(Caller caller, Organization target) {
        return requestDeletion(caller, target, LastWorkspace.KEPT);
    }

    /** Whether a user may delete the only workspace they belong to. */
    enum LastWorkspace { KEPT, DELETABLE }

    /** Centrali's restore: like {@link #getBySlugForbiddingStrangers}, a stranger to an existing workspace is forbidden. */
    Organization restore(Caller caller, String slug);

    /** How many members the organization has (php-tenant's users_count). */
    long memberCount(Organization organization);

    record CreateWorkspaceCommand(String name, String slug, String description, String icon, String color, String type,
                                  String billingEmail) {
    }

    /** Null fields are left as they are. */
    record UpdateWorkspaceCommand(String name, String slug, String description, String icon, String color, Boolean active,
                                  boolean clearIcon, boolean clearColor, boolean clearDescription) {
        public static UpdateWorkspaceCommand of(String name, String description) {
            return new UpdateWorkspaceCommand(name, null, description, null, null, null, false, false, false);
        }
    }
}
