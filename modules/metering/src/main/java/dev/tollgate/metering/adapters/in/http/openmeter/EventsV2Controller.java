package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.IngestedEventView;
import dev.tollgate.metering.application.port.in.IngestEventsUseCase;
import dev.tollgate.metering.application.port.in.IngestEventsUseCase.EventPage;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Controller("/api/v2/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: events")
final class EventsV2Controller {
    private final IngestEventsUseCase events;
    private final EventViews views;
    private final JsonMapper json;

    EventsV2Controller(IngestEventsUseCase events, EventViews views, JsonMapper json) {
        this.events = events;
        this.views = views;
        this.json = json;
    }

    @Serdeable
    record EventPageView(List<IngestedEventView> items, String nextCursor) {
    }

    /** {@code filter} is a JSON object of FilterString/FilterTime per field, e.g. {"subject":{"$eq":"alice"}}. */
    @Get
    @Operation(operationId = "listEventsV2", summary = "List ingested events with advanced filtering")
    EventPageView list(Caller caller, @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
                       @Nullable @QueryValue String clientId, @Nullable @QueryValue String filter) {
        OpenMeterParams.clientId(clientId); // accepted for progress tracking; listing events reports none
        Map<String, TextFilter> filters = new LinkedHashMap<>();
        if (filter != null && !filter.isEmpty()) {
            Map<String, Object> parsed;
            try {
                parsed = json.readValue(filter, Argument.mapOf(String.class, Object.class));
            } catch (IOException | RuntimeException e) {
                throw new ValidationException("filter", "must be a JSON object such as {\"subject\":{\"$eq\":\"alice\"}}");
            }
            parsed.forEach((field, value) -> filters.put(field, TextFilter.parse("filter." + field, value)));
        }
        EventPage page = events.listV2(caller, cursor, limit == null ? 100 : limit, filters);
        return new EventPageView(page.items().stream().map(views::view).toList(), page.nextCursor());
    }
}
