package dev.tollgate.tenancy.api;

import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request, as resolved from its credentials. Every use case takes one and decides itself what
 * it allows: controllers never authorize on their own.
 *
 * @param organizationId the organization an API key or service token belongs to; null for a signed-in user,
 *                       who may act in every organization they are a member of; the system namespace for the operator
 * @param grants         API key scopes or service token accesses; empty for users, whose role decides
 */
public record Caller(Kind kind, UUID userId, UUID organizationId, Set<String> grants, String credentialId) {
    /** OPERATOR: the platform operator (the internal secret), who acts only in the system namespace. */
    public enum Kind { USER, API_KEY, SERVICE_TOKEN, OPERATOR }

    public Caller {
        grants = Set.copyOf(grants);
    }

    public static Caller user(UUID userId, String sessionOrTokenId) {
        return new Caller(Kind.USER, userId, null, Set.of(), sessionOrTokenId);
    }

    /** The operator's "organization" is the system namespace, which no organization's id ever equals. */
    public static Caller operator() {
        return new Caller(Kind.OPERATOR, null, TenancyApi.SYSTEM_NAMESPACE, Set.of(), "operator");
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }
}
