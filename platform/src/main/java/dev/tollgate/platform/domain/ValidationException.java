package dev.tollgate.platform.domain;

import java.util.List;

/** The input is malformed or breaks a rule; carries one entry per offending field. */
public final class ValidationException extends DomainException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        this("validation_failed", errors);
    }

    /** A rule with its own machine code, e.g. {@code cannot_delete}, still rendered as a validation failure. */
    public ValidationException(String code, List<FieldError> errors) {
        super(code, summary(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** A malformed request as a whole (unreadable body, wrong content type): no single field to blame. */
    public static ValidationException ofRequest(String message) {
        return new ValidationException(List.of(new FieldError(null, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "The request is invalid";
        }
        FieldError first = errors.get(0);
        String head = first.field() == null ? first.message() : first.field() + ": " + first.message();
        return errors.size() == 1 ? head : head + " (and " + (errors.size() - 1) + " more errors)";
    }
}
