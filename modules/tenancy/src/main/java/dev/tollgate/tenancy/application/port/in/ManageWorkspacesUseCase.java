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

    Organization getByNumber(Caller caller, long number);

    /** The user's current workspace (or the API key's own); empty when the user has none left. */
    Optional<Organization> current(Caller caller);

    Organization switchTo(Caller caller, long number);

    Organization update(Caller caller, Organization target, UpdateWorkspaceCommand command);

    /** Starts the grace period; the workspace disappears from every listing at once. */
    Organization requestDeletion(Caller caller, Organization target);

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
