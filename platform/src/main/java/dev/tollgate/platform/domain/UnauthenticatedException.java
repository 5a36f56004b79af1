package dev.tollgate.platform.domain;

/** No credentials, or credentials that are wrong, expired or revoked. */
public final class UnauthenticatedException extends DomainException {
    public UnauthenticatedException(String message) {
        super("unauthorized", message);
    }
}
