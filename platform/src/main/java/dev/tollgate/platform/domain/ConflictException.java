package dev.tollgate.platform.domain;

/** The request clashes with existing state, e.g. a slug that is taken. */
public final class ConflictException extends DomainException {
    public ConflictException(String message) {
        super("conflict", message);
    }

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
