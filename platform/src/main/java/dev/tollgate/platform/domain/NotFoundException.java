package dev.tollgate.platform.domain;

/** The thing asked for does not exist, or the caller may not know that it exists. */
public final class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super("not_found", message);
    }

    public static NotFoundException of(String kind, String id) {
        return new NotFoundException(kind + " '" + id + "' not found");
    }
}
