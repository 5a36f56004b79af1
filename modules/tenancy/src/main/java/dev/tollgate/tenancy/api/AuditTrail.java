package dev.tollgate.tenancy.api;

import java.util.Map;
import java.util.UUID;

/**
 * The organization's audit log, fed by every module. A use case that changes something a person or a credential
 * asked for calls {@link #record} inside its own transaction, so the entry commits with the change or not at all, and
 * exactly once. The actor is the {@link Caller} the use case already has; the source address is the current HTTP
 * request's (none for background work).
 */
public interface AuditTrail {
    /** Records {@code change}, made by {@code actor} in {@code organizationId}, in the current transaction. */
    void record(Caller actor, UUID organizationId, Change change);

    /**
     * The fields of a {@code before} or {@code after}, in the order given, nulls kept:
     * {@code fields("name", name, "scopes", scopes)}.
     */
    static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs");
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            fields.put((String) namesAndValues[i], value instanceof java.util.Collection<?> c ? java.util.List.copyOf(c)
                    : value instanceof Enum<?> || value instanceof UUID || value instanceof java.time.temporal.Temporal ? value.toString() : value);
        }
        return fields;
    }

    /** Records a change Tollgate made itself (a job, a provider's callback), with actor type {@code system}. */
    void recordSystem(UUID organizationId, Change change);

    /**
     * What changed. {@code type} is {@code <resource>.<verb in the past>} (e.g. {@code api_key.created});
     * {@code before}/{@code after} hold the fields that matter (null when the resource did not or no longer exists)
     * and are never given a secret: keys that name one (password, secret, token, …) are replaced by a mark anyway.
     */
    record Change(String resourceType, String resourceId, String type, String summary, Map<String, ?> before, Map<String, ?> after) {
        public static Change created(String resourceType, String resourceId, String summary, Map<String, ?> after) {
            return new Change(resourceType, resourceId, resourceType + ".created", summary, null, after);
        }

        public static Change updated(String resourceType, String resourceId, String summary, Map<String, ?> before, Map<String, ?> after) {
            return new Change(resourceType, resourceId, resourceType + ".updated", summary, before, after);
        }

        public static Change deleted(String resourceType, String resourceId, String summary, Map<String, ?> before) {
            return new Change(resourceType, resourceId, resourceType + ".deleted", summary, before, null);
        }

        /** Another verb, e.g. {@code of("api_key", id, "revoked", …)} is {@code api_key.revoked}. */
        public static Change of(String resourceType, String resourceId, String verb, String summary) {
            return new Change(resourceType, resourceId, resourceType + "." + verb, summary, null, null);
        }
    }
}
