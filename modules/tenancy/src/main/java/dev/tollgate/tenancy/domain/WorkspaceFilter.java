package dev.tollgate.tenancy.domain;

/** Which of a caller's workspaces a listing shows; null fields do not filter. */
public record WorkspaceFilter(WorkspaceType type, Boolean active, String search) {
    public static final WorkspaceFilter NONE = new WorkspaceFilter(null, null, null);

    public boolean matches(Organization organization) {
        return (type == null || organization.type() == type)
                && (active == null || organization.active() == active)
                && (search == null || organization.name().toLowerCase().contains(search.toLowerCase()));
    }
}
