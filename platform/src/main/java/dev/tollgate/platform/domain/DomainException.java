package dev.tollgate.platform.domain;

/**
 * Root of the one exception family every module throws. Each HTTP dialect renders it in its own
 * documented error shape, so domain and application code never think about HTTP.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, ValidationException, ForbiddenException,
                RateLimitedException, UnauthenticatedException, UnavailableException {

    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, snake_case machine code such as {@code not_found} or {@code plan_limit}. */
    public String code() {
        return code;
    }
}
