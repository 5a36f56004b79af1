package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;

/** Usage out of a meter: aggregated rows, and the subjects and group values that occur. */
public interface QueryMetersUseCase {

    /** {@code clientId} (optional) lets the caller follow the query with {@link #progress}. */
    List<MeterQueryRow> query(Caller caller, String meterIdOrSlug, MeterQuery query, String clientId);

    Progress progress(Caller caller, String clientId);

    record Progress(long total, long success, long failed, Instant updatedAt) {
    }

    List<String> subjects(Caller caller, String meterIdOrSlug, Instant from, Instant to);

    List<String> groupByValues(Caller caller, String meterIdOrSlug, String groupByKey, Instant from, Instant to);
}
