package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.IngestedEventView;
import dev.tollgate.metering.application.port.in.IngestEventsUseCase;
import dev.tollgate.metering.application.port.in.IngestEventsUseCase.EventFilter;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

@Controller("/api/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: events")
final class EventsController {
    static final String CLOUDEVENT = "application/cloudevents+json";
    static final String CLOUDEVENT_BATCH = "application/cloudevents-batch+json";
    private final IngestEventsUseCase events;
    private final JsonMapper json;
    private final EventViews views;

    EventsController(IngestEventsUseCase events, JsonMapper json, EventViews views) {
        this.events = events;
        this.json = json;
        this.views = views;
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "ingestEvents", summary = "Ingest events")
    HttpResponse<Void> ingest(Caller caller, @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Body byte[] body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!type.equals(MediaType.APPLICATION_JSON) && !type.equals(CLOUDEVENT) && !type.equals(CLOUDEVENT_BATCH)) {
            throw ValidationException.ofRequest("invalid content type '" + contentType + "': use " + CLOUDEVENT + ", "
                    + CLOUDEVENT_BATCH + " or " + MediaType.APPLICATION_JSON);
        }
        JsonNode root = parse(body);
        List<CloudEvent> batch = new ArrayList<>();
        if (root.isArray() && !type.equals(CLOUDEVENT)) {
            for (int i = 0; i < root.size(); i++) {
                batch.add(event(root.get(i), "[" + i + "]."));
            }
        } else if (root.isObject() && !type.equals(CLOUDEVENT_BATCH)) {
            batch.add(event(root, ""));
        } else {
            throw ValidationException.ofRequest(type.equals(CLOUDEVENT_BATCH) ? "a batch must be a JSON array of events"
                    : "the body must be a JSON object (one event)" + (type.equals(CLOUDEVENT) ? "" : " or an array of events"));
        }
        events.ingest(caller, batch);
        return HttpResponse.noContent();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            return root == null ? JsonNode.nullNode() : root; // a literal null: neither an event nor a batch, said below
        } catch (IOException | RuntimeException e) {
            throw ValidationException.ofRequest("the body is not valid JSON");
        }
    }

    private CloudEvent event(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new ValidationException(at.isEmpty() ? "event" : at.substring(0, at.length() - 1), "must be a JSON object");
        }
        JsonNode data = node.get("data");
        String dataJson = null;
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                throw new ValidationException(at + "data", "if present it must be a JSON object");
            }
            try {
                dataJson = json.writeValueAsString(data);
            } catch (IOException e) {
                throw new ValidationException(at + "data", "could not be read");
            }
        }
        String contentType = text(node, "datacontenttype", at);
        if (contentType != null && !contentType.equals(MediaType.APPLICATION_JSON)) {
            throw new ValidationException(at + "datacontenttype", "only application/json is allowed");
        }
        String dataschema = text(node, "dataschema", at);
        if (dataschema != null && !isAbsoluteUri(dataschema)) {
            throw new ValidationException(at + "dataschema", "if present it must be an absolute URI such as "
                    + "'https://example.com/schemas/usage.json'");
        }
        return new CloudEvent(text(node, "id", at), text(node, "source", at), text(node, "specversion", at), text(node, "type", at),
                text(node, "subject", at), OpenMeterParams.instant(at + "time", text(node, "time", at)), dataJson);
    }

    /** Documented as format uri: a scheme is required, and nothing is stored, so only the form is checked. */
    private static boolean isAbsoluteUri(String value) {
        try {
            return new java.net.URI(value).isAbsolute(); // refuses NUL and other illegal characters too
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ValidationException(at + field, "must be a string");
        }
        return value.getStringValue();
    }

    @Get
    @Operation(operationId = "listEvents", summary = "List ingested events")
    List<IngestedEventView> list(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                 @Nullable @QueryValue String ingestedAtFrom, @Nullable @QueryValue String ingestedAtTo,
                                 @Nullable @QueryValue String id, @Nullable @QueryValue String subject,
                                 @Nullable @QueryValue List<String> customerId, @Nullable @QueryValue Integer limit,
                                 @Nullable @QueryValue String clientId) {
        OpenMeterParams.clientId(clientId); // accepted for progress tracking; listing events reports none
        EventFilter filter = new EventFilter(OpenMeterParams.instant("from", from), OpenMeterParams.instant("to", to),
                OpenMeterParams.instant("ingestedAtFrom", ingestedAtFrom), OpenMeterParams.instant("ingestedAtTo", ingestedAtTo),
                id, subject, customerId, null, limit == null ? 100 : limit);
        return events.list(caller, filter).stream().map(views::view).toList();
    }
}
