package dev.tollgate.tenancy.adapters.in.http.centrali;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ReadAuditLogUseCase;
import dev.tollgate.tenancy.application.port.in.ReadAuditLogUseCase.AuditPage;
import dev.tollgate.tenancy.domain.AuditFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Centrali's audit log of a workspace: recent activity, one resource's history, and the CSV export (admins). */
@Controller("/workspace/api/v1/{slug}/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: audit log")
final class CentraliAuditController {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;
    private static final MediaType TEXT_CSV = MediaType.of("text/csv; charset=utf-8");

    private final ReadAuditLogUseCase audit;
    private final JsonMapper json;

    CentraliAuditController(ReadAuditLogUseCase audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @Get("/activity")
    @Operation(summary = "Get recent audit activity across the workspace")
    AuditEntryView.Page activity(Caller caller, String slug, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                                 @Nullable @QueryValue String resourceType, @Nullable @QueryValue String type,
                                 @Nullable @QueryValue String actorId, @Nullable @QueryValue String dateFrom,
                                 @Nullable @QueryValue String dateTo, @Nullable @QueryValue String search) {
        AuditFilter filter = filter(resourceType, null, type, actorId, dateFrom, dateTo, search);
        return view(audit.page(caller, slug, filter, blankToNull(cursor), limit(limit)));
    }

    @Get("/{resourceType}/{resourceId}/history")
    @Operation(summary = "Get audit history for a specific resource")
    AuditEntryView.Page history(Caller caller, String slug, String resourceType, String resourceId, @Nullable @QueryValue Integer limit,
                                @Nullable @QueryValue String cursor) {
        return view(audit.page(caller, slug, AuditFilter.ofResource(resourceType, resourceId), blankToNull(cursor), limit(limit)));
    }

    /**
     * The whole selection as CSV, newest first. The first page is read before the response starts, so a stranger or a bad
     * filter gets Centrali's error; the rest is read page by page as the client takes it.
     */
    @Get("/export")
    @Operation(summary = "Export audit events as CSV")
    StreamedFile export(Caller caller, String slug, @Nullable @QueryValue String resourceType, @Nullable @QueryValue String type,
                        @Nullable @QueryValue String actorId, @Nullable @QueryValue String dateFrom, @Nullable @QueryValue String dateTo,
                        @Nullable @QueryValue String search) {
        AuditFilter filter = filter(resourceType, null, type, actorId, dateFrom, dateTo, search);
        int batch = ReadAuditLogUseCase.MAX_PAGE;
        AuditPage first = audit.page(caller, slug, filter, null, batch);
        AuditCsv csv = new AuditCsv(first, cursor -> audit.page(caller, slug, filter, cursor, batch), json);
        return new StreamedFile(csv, TEXT_CSV).attach("audit-" + slug + ".csv");
    }

    private static AuditEntryView.Page view(AuditPage page) {
        return new AuditEntryView.Page(page.entries().stream().map(AuditEntryView::of).toList(), page.nextCursor(), page.hasMore());
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static AuditFilter filter(String resourceType, String resourceId, String type, String actorId, String dateFrom, String dateTo,
                                      String search) {
        Instant from = dateFrom == null || dateFrom.isBlank() ? null : instant("dateFrom", dateFrom, false);
        Instant to = dateTo == null || dateTo.isBlank() ? null : instant("dateTo", dateTo, true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("dateFrom", "must be before dateTo");
        }
        return new AuditFilter(blankToNull(resourceType), blankToNull(resourceId), blankToNull(type), blankToNull(actorId), from, to,
                blankToNull(search));
    }

    /**
     * An ISO 8601 date or date-time (with Z or an offset). {@code dateTo} includes what it names: a whole day for a date,
     * the instant itself for a date-time; the filter's end is exclusive, so it is moved past that.
     */
    private static Instant instant(String name, String value, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant at = OffsetDateTime.parse(value).toInstant();
            return end ? at.plus(1, ChronoUnit.MICROS) : at;
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z), not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
