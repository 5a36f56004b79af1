package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.Paging;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Query parameters the entitlement routes share: times, windows, zones, list orders and the two paging styles. */
final class EntitlementQueries {
    static final List<String> ENTITLEMENT_ORDER = List.of("createdAt", "updatedAt");
    static final List<String> GRANT_ORDER = List.of("id", "createdAt", "updatedAt");

    private EntitlementQueries() {
    }

    /** A query parameter read as request bodies' times are (RFC 3339, years 1970-9999); null when absent. */
    static Instant time(String field, String text) {
        if (text == null) {
            return null;
        }
        DocumentReader reader = new DocumentReader();
        Instant time = reader.time(Map.of(field, text), "", field, true);
        reader.throwIfFailed();
        return time;
    }

    static ChronoUnit window(String windowSize) {
        if (windowSize == null) {
            throw new ValidationException("windowSize", "is required: MINUTE, HOUR, DAY or MONTH");
        }
        return switch (windowSize) {
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "HOUR" -> ChronoUnit.HOURS;
            case "DAY" -> ChronoUnit.DAYS;
            case "MONTH" -> ChronoUnit.MONTHS;
            default -> throw new ValidationException("windowSize", "must be MINUTE, HOUR, DAY or MONTH, not '" + windowSize + "'");
        };
    }

    static ZoneId zone(String windowTimeZone) {
        try {
            return windowTimeZone == null ? ZoneId.of("UTC") : ZoneId.of(windowTimeZone);
        } catch (DateTimeException e) {
            throw new ValidationException("windowTimeZone", "'" + windowTimeZone + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    /** OpenMeter: page/pageSize when either is given ("page takes precedence"), else offset/limit. */
    static PageRequest pages(Integer page, Integer pageSize, Integer offset, Integer limit) {
        return page != null || pageSize != null ? Paging.openmeterPages(page, pageSize) : Paging.limitOffset(offset, limit);
    }
}
