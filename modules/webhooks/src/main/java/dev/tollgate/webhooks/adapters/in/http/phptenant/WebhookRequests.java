package dev.tollgate.webhooks.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase.CreateCommand;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase.UpdateCommand;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads php-tenant's webhook request bodies with Laravel's rules and messages; every problem is reported at once. */
final class WebhookRequests {
    private final List<FieldError> errors = new ArrayList<>();

    static CreateCommand create(Map<String, Object> body) {
        WebhookRequests r = new WebhookRequests();
        String name = r.text(body, "name", true, 255);
        String url = r.url(body, true);
        List<String> events = r.events(body, true);
        String secret = r.text(body, "secret", false, Integer.MAX_VALUE);
        if (secret != null && secret.length() < 32) {
            r.errors.add(new FieldError("secret", "The secret field must be at least 32 characters."));
        }
        Map<String, Object> metadata = r.metadata(body);
        r.throwIfFailed();
        return new CreateCommand(name, url, events, secret, metadata);
    }

    /** @param clearsMetadata the body sets {@code metadata} to null (a map cannot tell that from leaving it out) */
    static UpdateCommand update(Map<String, Object> body, boolean clearsMetadata) {
        WebhookRequests r = new WebhookRequests();
        String name = r.text(body, "name", false, 255);
        String url = r.url(body, false);
        List<String> events = r.events(body, false);
        Boolean active = null;
        Object isActive = body.get("is_active");
        if (isActive != null && !(isActive instanceof Boolean)) {
            r.errors.add(new FieldError("is_active", "The is active field must be true or false."));
        } else {
            active = (Boolean) isActive;
        }
        Integer maxAttempts = null;
        Object attempts = body.get("max_attempts");
        if (attempts != null) {
            if (!(attempts instanceof Integer || attempts instanceof Long)) {
                r.errors.add(new FieldError("max_attempts", "The max attempts field must be an integer."));
            } else if (((Number) attempts).longValue() < 1 || ((Number) attempts).longValue() > 10) {
                r.errors.add(new FieldError("max_attempts", "The max attempts field must be between 1 and 10."));
            } else {
                maxAttempts = ((Number) attempts).intValue();
            }
        }
        Map<String, Object> metadata = r.metadata(body);
        r.throwIfFailed();
        return new UpdateCommand(name, url, events, active, maxAttempts, metadata, clearsMetadata || body.containsKey("metadata"));
    }

    /** php-tenant ids are integers: anything else names no webhook. */
    static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Not found");
        }
    }

    private String text(Map<String, Object> body, String field, boolean required, int max) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "The " + field + " field is required."));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, "The " + field + " field must be a string."));
            return null;
        }
        if (required && s.isBlank()) {
            errors.add(new FieldError(field, "The " + field + " field is required."));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, "The " + field + " field must not be greater than " + max + " characters."));
            return null;
        }
        return s;
    }

    private String url(Map<String, Object> body, boolean required) {
        String url = text(body, "url", required, 2048);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                errors.add(new FieldError("url", "The url field must be a valid URL."));
                return null;
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "The url field must be a valid URL."));
            return null;
        }
        return url;
    }

    private List<String> events(Map<String, Object> body, boolean required) {
        Object value = body.get("events");
        if (value == null) {
            if (required) {
                errors.add(new FieldError("events", "The events field is required."));
            }
            return null;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("events", "The events field must be an array."));
            return null;
        }
        if (list.isEmpty()) {
            errors.add(new FieldError("events", "The events field must have at least 1 items."));
            return null;
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                events.add(s);
            } else {
                errors.add(new FieldError("events." + i, "The selected events." + i + " is invalid."));
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata(Map<String, Object> body) {
        Object value = body.get("metadata");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(new FieldError("metadata", "The metadata field must be an array."));
            return null;
        }
        return (Map<String, Object>) map;
    }

    private void throwIfFailed() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
