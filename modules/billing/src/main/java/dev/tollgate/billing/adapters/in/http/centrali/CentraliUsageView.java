package dev.tollgate.billing.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.billing.application.port.in.ReadWorkspaceUsageUseCase.WorkspaceUsage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Centrali's Usage ({@code def-1}) for Tollgate (ADR 0038): {@code api_calls} are the queries relayed by the proxy;
 * records, storage and function invocations are not measured by Tollgate and are written as null. Tollgate's own
 * measures follow. {@code billing_period} (YYYY-MM of the period's start) names a billing period, not a history window.
 */
@Serdeable
record CentraliUsageView(String workspace_id, @Nullable String billing_period, String period_start, String period_end, long api_calls,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long records_count,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long storage_bytes,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long function_invocations,
                         long queries, long bytes_to_client, BigDecimal connection_seconds) {
    static CentraliUsageView period(WorkspaceUsage u) {
        return of(u, YearMonth.from(u.from().atZone(ZoneOffset.UTC)).toString());
    }

    static CentraliUsageView window(WorkspaceUsage u) {
        return of(u, null);
    }

    private static CentraliUsageView of(WorkspaceUsage u, String billingPeriod) {
        return new CentraliUsageView(u.workspaceId().toString(), billingPeriod, u.from().toString(), u.to().toString(), u.queries(), null, null,
                null, u.queries(), u.bytesToClient(), u.connectionSeconds());
    }
}
