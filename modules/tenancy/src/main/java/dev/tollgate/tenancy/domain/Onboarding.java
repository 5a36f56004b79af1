package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An organization's onboarding checklist (PgBeam): six steps, the first (the organization exists) done by definition,
 * the others done from the moment Tollgate saw them happen or the dashboard marked them; dismissing hides the list
 * without completing it. A step once done stays done.
 */
public record Onboarding(UUID organizationId, Map<Step, Instant> done, Instant dismissedAt, Instant createdAt) {
    public enum Step {
        PROJECT_CREATED, DATABASE_ADDED, CONNECTION_TESTED, CONNECTION_STRING_COPIED, FIRST_QUERY_RUN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Step parse(String field, String value) {
            return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst().orElseThrow(() -> new ValidationException(field,
                    "must be one of project_created, database_added, connection_tested, connection_string_copied, first_query_run"));
        }
    }

    /** {@code org_created} and the five steps. */
    public static final int STEPS_TOTAL = Step.values().length + 1;

    public Onboarding {
        done = done.isEmpty() ? new EnumMap<>(Step.class) : new EnumMap<>(done);
    }

    public static Onboarding start(UUID organizationId, Instant createdAt) {
        return new Onboarding(organizationId, Map.of(), null, createdAt);
    }

    /** The step done at {@code at}, unless it already was (then its first time stands). */
    public Onboarding with(Step step, Instant at) {
        if (done.containsKey(step)) {
            return this;
        }
        Map<Step, Instant> more = new EnumMap<>(done);
        more.put(step, at);
        return new Onboarding(organizationId, more, dismissedAt, createdAt);
    }

    public Onboarding dismissed(boolean dismiss, Instant at) {
        return new Onboarding(organizationId, done, dismiss ? Objects.requireNonNullElse(dismissedAt, at) : null, createdAt);
    }

    public boolean isDone(Step step) {
        return done.containsKey(step);
    }

    public int stepsCompleted() {
        return done.size() + 1;
    }

    public boolean completed() {
        return done.size() == Step.values().length;
    }

    /** When the last step was done, once all are. */
    public Instant completedAt() {
        return completed() ? done.values().stream().max(Instant::compareTo).orElseThrow() : null;
    }
}
