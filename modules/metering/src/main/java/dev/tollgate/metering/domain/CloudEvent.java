package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A usage event in CloudEvents form, as OpenMeter ingests it. {@code data} is the event's JSON object as text (or
 * null); {@code time} defaults to the moment of ingestion.
 */
public record CloudEvent(String id, String source, String specversion, String type, String subject, Instant time, String data) {
    /** A JSON {@code \\u0000} escape (not preceded by an odd number of backslashes, which would make it literal text). */
    private static final java.util.regex.Pattern ESCAPED_NUL = java.util.regex.Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u0000");

    /** Checks the fields OpenMeter requires; {@code field} prefixes the error paths (e.g. "[3].") for batches. */
    public CloudEvent validated(String field, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, field + "id", id);
        required(errors, field + "source", source);
        required(errors, field + "specversion", specversion);
        required(errors, field + "type", type);
        required(errors, field + "subject", subject);
        noNul(errors, field + "id", id);
        noNul(errors, field + "source", source);
        noNul(errors, field + "type", type);
        noNul(errors, field + "subject", subject);
        noNul(errors, field + "specversion", specversion);
        if (source != null && !source.isEmpty() && !isUriReference(source)) {
            errors.add(new FieldError(field + "source", "must be a URI reference (RFC 3986) such as 'service-name' or "
                    + "'https://example.com/billing', not '" + source + "'"));
        }
        if (data != null && data.contains("\\u0000") && ESCAPED_NUL.matcher(data).find()) {
            errors.add(new FieldError(field + "data", "must not contain the NUL character (\\u0000)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return time == null ? new CloudEvent(id, source, specversion, type, subject, now, data) : this;
    }

    /** The CloudEvents spec's {@code source}: any RFC 3986 URI reference, relative ones included. */
    public static boolean isUriReference(String value) {
        try {
            new java.net.URI(value);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** PostgreSQL text and jsonb cannot hold NUL: refuse it here rather than fail in the database. */
    private static void noNul(List<FieldError> errors, String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            errors.add(new FieldError(field, "must not contain the NUL character"));
        }
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
