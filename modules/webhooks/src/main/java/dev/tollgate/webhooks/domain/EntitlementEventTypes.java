package dev.tollgate.webhooks.domain;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * php-tenant's entitlement event types, with the descriptions its document gives, and the body every one is sent in:
 * {@code {"id", "event", "workspace_id", "occurred_at", "data"}} — the document leaves the envelope open (ADR 0048).
 */
public final class EntitlementEventTypes {
    public static final String LIMIT_WARNING = "limit_warning";
    public static final String LIMIT_REACHED = "limit_reached";
    public static final String PACKAGE_CHANGED = "package_changed";
    public static final String BOOST_ACTIVATED = "boost_activated";
    public static final String BOOST_EXPIRED = "boost_expired";
    /** What a test send is labelled: not a subscribable type, so no endpoint mistakes it for a real event. */
    public static final String TEST = "test";
    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(LIMIT_WARNING, "Limit warning threshold reached");
        d.put(LIMIT_REACHED, "Feature limit reached");
        d.put(PACKAGE_CHANGED, "Package added or changed");
        d.put(BOOST_ACTIVATED, "Boost activated");
        d.put(BOOST_EXPIRED, "Boost expired");
        DESCRIPTIONS = java.util.Collections.unmodifiableMap(d);
    }

    private EntitlementEventTypes() {
    }

    /** At least one type, each one of the five, without repeats (Laravel's messages). */
    public static List<String> require(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new ValidationException("events", "The events field is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null || !DESCRIPTIONS.containsKey(event)) {
                errors.add(new FieldError("events." + i, "The selected events." + i + " is invalid."));
            } else if (!distinct.contains(event)) {
                distinct.add(event);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return distinct;
    }

    /** The body of an event of {@code type} in workspace {@code workspaceNumber}. */
    public static Map<String, Object> envelope(UUID id, String type, long workspaceNumber, Instant occurredAt, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("event", type);
        body.put("workspace_id", workspaceNumber);
        body.put("occurred_at", occurredAt.toString());
        body.put("data", data);
        return body;
    }

    public static Map<String, Object> test(UUID id, long workspaceNumber, Instant occurredAt) {
        return envelope(id, TEST, workspaceNumber, occurredAt, Map.of("message", "This is a test webhook from Tollgate."));
    }
}
