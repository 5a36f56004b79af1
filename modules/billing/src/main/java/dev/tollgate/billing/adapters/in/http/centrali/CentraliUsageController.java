package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.application.port.in.ReadWorkspaceUsageUseCase;
import dev.tollgate.billing.domain.usage.Granularity;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Centrali's usage of a workspace (ADR 0038): the current billing period, a history by day, week or month, and the
 * billing period beginning in a month. The static segments {@code current} and {@code historical} are routes of their
 * own, so they win over {@code {billingPeriod}}.
 */
@Controller("/workspace/api/v1/{slug}/usage")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: usage")
final class CentraliUsageController {
    /** A history without dates covers the last 30 days up to today (UTC). */
    private static final int DEFAULT_DAYS = 30;
    private final ReadWorkspaceUsageUseCase usage;

    CentraliUsageController(ReadWorkspaceUsageUseCase usage) {
        this.usage = usage;
    }

    @Get("/current")
    @Operation(summary = "Get current billing period usage")
    CentraliUsageView current(Caller caller, String slug) {
        return CentraliUsageView.period(usage.current(caller, slug));
    }

    @Get("/historical")
    @Operation(summary = "Get historical usage data")
    List<CentraliUsageView> historical(Caller caller, String slug, @Nullable @QueryValue String startDate, @Nullable @QueryValue String endDate,
                                       @Nullable @QueryValue String granularity) {
        LocalDate last = endDate == null ? LocalDate.now(ZoneOffset.UTC) : date("endDate", endDate);
        LocalDate first = startDate == null ? last.minusDays(DEFAULT_DAYS - 1) : date("startDate", startDate);
        return usage.history(caller, slug, first, last, granularity(granularity)).stream().map(CentraliUsageView::window).toList();
    }

    @Get("/{billingPeriod}")
    @Operation(summary = "Get usage for a specific billing period")
    CentraliUsageView period(Caller caller, String slug, String billingPeriod) {
        return CentraliUsageView.period(usage.ofPeriod(caller, slug, billingPeriod));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be a date (YYYY-MM-DD)");
        }
    }

    private static Granularity granularity(String value) {
        if (value == null) {
            return Granularity.DAY;
        }
        return switch (value) {
            case "day", "week", "month" -> Granularity.valueOf(value.toUpperCase(Locale.ROOT));
            default -> throw new ValidationException("granularity", "must be day, week or month");
        };
    }
}
