package dev.tollgate.platform.domain;

/**
 * The caller is known but may not do this: wrong role, missing API key scope, or a plan limit
 * (code {@code plan_limit}).
 */
public final class ForbiddenException extends DomainException {
    public ForbiddenException(String message) {
        super("forbidden", message);
    }

    public ForbiddenException(String code, String message) {
        super(code, message);
    }

    public static ForbiddenException missingScope(String scope) {
        return new ForbiddenException("insufficient_scope", "This API key lacks the '" + scope + "' scope");
    }
}
