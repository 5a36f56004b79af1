package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameter parsing with OpenMeter's 400 on anything malformed. */
final class OpenMeterParams {
    private OpenMeterParams() {
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be an RFC 3339 date-time such as 2024-01-01T00:00:00Z, not '" + text + "'");
        }
    }

    /** OpenMeter's query-progress handle: 1 to 36 characters (a UUID fits), or absent. */
    static String clientId(String clientId) {
        if (clientId != null && (clientId.isEmpty() || clientId.length() > 36)) {
            throw new ValidationException("clientId", "must be 1 to 36 characters, not " + clientId.length());
        }
        return clientId;
    }
}
