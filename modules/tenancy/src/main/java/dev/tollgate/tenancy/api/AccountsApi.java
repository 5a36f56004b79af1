package dev.tollgate.tenancy.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Users named by email and their workspaces, for the modules that serve php-tenant's entitlement routes: a billing
 * partner provisions packages to a person by email, and other applications check that person's entitlements.
 */
public interface AccountsApi {
    /**
     * The user with {@code email} and a workspace they own: their current one if they own it, else the oldest they
     * own, else a new one named after them (current if they had none). A new user is created with {@code name} and no
     * usable password (they sign in through the trusted identity provider by that email). Runs in the caller's
     * transaction.
     */
    Workspace provisionAccount(String email, String name);

    /**
     * A new organization named {@code organizationName}, owned by the user with {@code email} (created as
     * {@link #provisionAccount} creates one when absent; their current organization only if they had none). For a
     * marketplace purchase, which is an account of its own whatever else the person owns. Runs in the caller's
     * transaction.
     */
    Workspace openOrganization(String email, String personName, String organizationName);

    /** The current workspace of the user with {@code email}, when both exist. */
    Optional<Workspace> currentWorkspaceOf(String email);

    /** The organization, when the user with {@code email} is one of its members. */
    Optional<Workspace> workspaceOfMember(UUID organizationId, String email);

    /** A workspace by id, whoever asks: for trusted callers that already hold a reference to it. */
    Optional<Workspace> workspace(UUID organizationId);

    /** The signed-in user's current workspace; not-found when they have none. */
    Workspace currentWorkspace(Caller caller);

    /** The workspace with php-tenant number {@code number} if {@code caller} may read it; not-found otherwise. */
    Workspace requireWorkspace(Caller caller, long number);

    /** A workspace as the entitlement routes show it: php-tenant's integer id and slug beside Tollgate's ids. */
    record Workspace(UUID id, String publicId, long number, String slug, String name) {
    }
}
