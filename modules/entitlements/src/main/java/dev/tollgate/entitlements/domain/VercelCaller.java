package dev.tollgate.entitlements.domain;

/**
 * Who Vercel says is calling, from the verified claims of its Marketplace OIDC token: an installation of the
 * integration, and either a user of the Vercel account (ADMIN may change things; USER is a read-only billing or
 * viewer role) or Vercel itself (a system token, no user).
 */
public record VercelCaller(String installationId, String accountId, String userId, String userRole, String userEmail, String userName) {
    public boolean system() {
        return userId == null;
    }

    /** A token is good for the installation it names only. */
    public boolean actsFor(String installation) {
        return installationId != null && installationId.equals(installation);
    }

    /** Vercel itself, or a user with the ADMIN role: USER is read-only in Vercel's own terms. */
    public boolean mayChange() {
        return system() || "ADMIN".equals(userRole);
    }
}
