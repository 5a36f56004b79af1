package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * A question, bug or feature request a workspace's member files with the operator. {@code number} counts within the
 * workspace (Centrali's integer id). {@code createdBy} is the actor id of whoever filed it (a user's id or a key's).
 */
public record SupportIssue(UUID id, UUID organizationId, int number, String summary, String description, Type type, Priority priority,
                           String category, Status status, String createdBy, String assignedTo, Instant createdAt, Instant updatedAt) {
    public static final int MAX_SUMMARY = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_CATEGORY = 100;

    public enum Type {
        BUG("bug"), FEATURE_REQUEST("feature-request"), QUESTION("question");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public enum Priority {
        LOW, MEDIUM, HIGH, URGENT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Status {
        OPEN, IN_PROGRESS, RESOLVED, CLOSED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static SupportIssue file(UUID id, UUID organizationId, int number, String title, String description, String type, String priority,
                                    String category, String createdBy, Instant now) {
        return new SupportIssue(id, organizationId, number, text("title", title, MAX_SUMMARY), text("description", description, MAX_DESCRIPTION),
                type == null ? Type.QUESTION : wire("type", type, Type.values(), Type::wire),
                priority == null ? Priority.MEDIUM : wire("priority", priority, Priority.values(), Priority::wire),
                optional("category", category, MAX_CATEGORY), Status.OPEN, createdBy, null, now, now);
    }

    /** The fields Centrali lets a reporter change; null keeps what is there. */
    public SupportIssue update(String title, String newDescription, String newStatus, String newPriority, Instant now) {
        return new SupportIssue(id, organizationId, number, title == null ? summary : text("title", title, MAX_SUMMARY),
                newDescription == null ? description : text("description", newDescription, MAX_DESCRIPTION), type,
                newPriority == null ? priority : wire("priority", newPriority, Priority.values(), Priority::wire), category,
                newStatus == null ? status : parseStatus("status", newStatus), createdBy, assignedTo, createdAt, now);
    }

    public static Status parseStatus(String field, String value) {
        return wire(field, value, Status.values(), Status::wire);
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }

    private static <E extends Enum<E>> E wire(String field, String value, E[] values, java.util.function.Function<E, String> wire) {
        return Arrays.stream(values).filter(v -> wire.apply(v).equals(value)).findFirst().orElseThrow(() -> new ValidationException(field,
                "must be one of " + String.join(", ", Arrays.stream(values).map(wire).toList()) + ", not '" + value + "'"));
    }
}
