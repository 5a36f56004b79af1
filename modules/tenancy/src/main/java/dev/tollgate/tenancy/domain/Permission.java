package dev.tollgate.tenancy.domain;

/**
 * Everything a caller can be allowed to do to an organization, with what each kind of credential needs for it:
 * the weakest member role, the API key scope, and the PlanetScale service-token access ({@code null}: no service
 * token can ever be allowed it).
 */
public enum Permission {
    READ_ORGANIZATION(Role.MEMBER, "workspaces.read", "read_organization"),
    UPDATE_ORGANIZATION(Role.ADMIN, "workspaces.write", "write_organization"),
    DELETE_ORGANIZATION(Role.OWNER, "workspaces.delete", "delete_organization"),
    READ_MEMBERS(Role.MEMBER, "members.read", "read_organization"),
    MANAGE_MEMBERS(Role.ADMIN, "members.write", "write_organization"),
    READ_TEAMS(Role.MEMBER, "teams.read", "read_organization"),
    MANAGE_TEAMS(Role.ADMIN, "teams.write", "write_organization"),
    READ_SERVICE_TOKENS(Role.ADMIN, "tokens.read", "read_service_tokens"),
    MANAGE_SERVICE_TOKENS(Role.ADMIN, "tokens.write", "write_service_tokens"),
    MANAGE_API_KEYS(Role.ADMIN, "api_keys.write", "write_api_keys"),
    READ_PROJECTS(Role.MEMBER, "projects.read", "read_databases"),
    MANAGE_PROJECTS(Role.DATABASE_ADMIN, "projects.write", "create_databases"),
    // Metering has no PlanetScale access name: service tokens are never allowed it.
    READ_METERS(Role.MEMBER, "meters.read", null),
    MANAGE_METERS(Role.ADMIN, "meters.write", null),
    INGEST_EVENTS(Role.ADMIN, "events.write", null),
    // Cross-app entitlement checks and usage (php-tenant), and provisioning packages by a billing partner.
    READ_ENTITLEMENTS(Role.MEMBER, "entitlements.read", null),
    MANAGE_ENTITLEMENTS(Role.ADMIN, "entitlements.write", null),
    RECORD_USAGE(Role.ADMIN, "usage.write", null),
    // Billing (OpenMeter's billing profiles, apps, invoices and subscriptions): money, so admins only.
    READ_BILLING(Role.ADMIN, "billing.read", null),
    // The organization's own bills and nothing else of billing (PlanetScale's listInvoices): as READ_BILLING for
    // members and API keys, and the one part of billing a service token may read, with PlanetScale's read_invoices.
    READ_INVOICES(Role.ADMIN, "billing.read", "read_invoices"),
    MANAGE_BILLING(Role.ADMIN, "billing.write", null),
    // Who did what in the organization: admins, as for billing; no PlanetScale access names it.
    READ_AUDIT_LOG(Role.ADMIN, "audit.read", null),
    // A copy of everything the workspace holds (Centrali's data export): its admins, as for the audit log it contains.
    EXPORT_DATA(Role.ADMIN, "workspaces.export", null);

    private final Role minimumRole;
    private final String apiKeyScope;
    private final String serviceTokenAccess;

    Permission(Role minimumRole, String apiKeyScope, String serviceTokenAccess) {
        this.minimumRole = minimumRole;
        this.apiKeyScope = apiKeyScope;
        this.serviceTokenAccess = serviceTokenAccess;
    }

    public Role minimumRole() {
        return minimumRole;
    }

    public String apiKeyScope() {
        return apiKeyScope;
    }

    /** The service-token access that allows this, or null when no service token may do it. */
    public String serviceTokenAccess() {
        return serviceTokenAccess;
    }
}
