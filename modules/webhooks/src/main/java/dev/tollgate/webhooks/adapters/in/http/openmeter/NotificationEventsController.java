package dev.tollgate.webhooks.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.adapters.in.http.openmeter.NotificationViews.ChannelMeta;
import dev.tollgate.webhooks.adapters.in.http.openmeter.NotificationViews.RuleView;
import dev.tollgate.webhooks.application.port.in.ManageNotificationEventsUseCase;
import dev.tollgate.webhooks.application.port.in.ManageNotificationEventsUseCase.ChannelDelivery;
import dev.tollgate.webhooks.application.port.in.ManageNotificationEventsUseCase.EventView;
import dev.tollgate.webhooks.application.port.in.ManageNotificationEventsUseCase.ListQuery;
import dev.tollgate.webhooks.domain.Attempt;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.DeliveryStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** OpenMeter's notification events (ADR 0049) and a rule's test event. */
@Controller("/api/v1/notification")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: notifications")
final class NotificationEventsController {
    static final List<String> ORDER_BY = List.of("id", "createdAt");
    private final ManageNotificationEventsUseCase events;

    NotificationEventsController(ManageNotificationEventsUseCase events) {
        this.events = events;
    }

    @Serdeable
    record ResendRequest(@Nullable List<String> channels) {
    }

    @Serdeable
    record AttemptResponse(@Nullable Integer statusCode, String body, long durationMs, String url) {
    }

    @Serdeable
    record AttemptView(String state, AttemptResponse response, String timestamp) {
        static AttemptView of(Attempt a) {
            String body = a.body() == null || a.body().isEmpty() ? (a.error() == null ? "" : a.error()) : a.body();
            return new AttemptView(a.succeeded() ? "SUCCESS" : "FAILED", new AttemptResponse(a.statusCode(), body, a.durationMs(), a.url()),
                    a.attemptedAt().toString());
        }
    }

    @Serdeable
    record DeliveryStatusView(String state, String reason, String updatedAt, ChannelMeta channel, @Nullable String nextAttempt,
                              List<AttemptView> attempts) {
        /**
         * The engine's delivery as OpenMeter's states: pending and never tried PENDING, pending after a failed try
         * SENDING (it will be retried), resent by hand and not yet sent RESENDING, then SUCCESS or FAILED.
         */
        static DeliveryStatusView of(ChannelDelivery c) {
            Delivery d = c.delivery();
            String state;
            String reason;
            if (d.status() == DeliveryStatus.SUCCESS) {
                state = "SUCCESS";
                reason = "delivered (HTTP " + d.httpStatus() + ")";
            } else if (d.status() == DeliveryStatus.FAILED) {
                state = "FAILED";
                reason = d.lastError() != null ? d.lastError() : "HTTP " + d.httpStatus();
            } else if (d.resentManually()) {
                state = "RESENDING";
                reason = "resend requested";
            } else if (d.attempts() == 0) {
                state = "PENDING";
                reason = "queued for delivery";
            } else {
                state = "SENDING";
                reason = "retrying after " + (d.lastError() != null ? d.lastError() : "HTTP " + d.httpStatus());
            }
            String next = d.status() == DeliveryStatus.PENDING && d.nextAttemptAt() != null ? d.nextAttemptAt().toString() : null;
            return new DeliveryStatusView(state, reason, d.updatedAt().toString(), ChannelMeta.of(c.channelId()), next,
                    c.attempts().stream().map(AttemptView::of).toList());
        }
    }

    /** NotificationEvent; the payload is the exact document each channel received. */
    @Serdeable
    record EventJson(String id, String type, String createdAt, RuleView rule, List<DeliveryStatusView> deliveryStatus,
                     Map<String, Object> payload) {
        static EventJson of(EventView v) {
            return new EventJson(Ulid.of(v.event().id()), v.event().type(), v.event().createdAt().toString(), RuleView.of(v.rule()),
                    v.deliveries().stream().map(DeliveryStatusView::of).toList(), v.event().payload());
        }
    }

    @Get("/events")
    @Operation(operationId = "listNotificationEvents", summary = "List notification events")
    OpenMeterPage<EventJson> list(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> subject,
                                  @Nullable @QueryValue List<String> rule, @Nullable @QueryValue List<String> channel,
                                  @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String order,
                                  @Nullable @QueryValue String orderBy) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        ListQuery query = new ListQuery(instant("from", from), instant("to", to), orEmpty(feature), orEmpty(subject), orEmpty(rule),
                orEmpty(channel), Paging.orderBy(orderBy, "id", ORDER_BY), Paging.descending(order));
        return Paging.openmeterPage(events.list(caller, query, pages), pages.limit(), EventJson::of);
    }

    @Get("/events/{eventId}")
    @Operation(operationId = "getNotificationEvent", summary = "Get notification event")
    EventJson get(Caller caller, String eventId) {
        return EventJson.of(events.get(caller, eventId));
    }

    @Post("/events/{eventId}/resend")
    @Operation(operationId = "resendNotificationEvent", summary = "Re-send notification event")
    HttpResponse<Void> resend(Caller caller, String eventId, @Nullable @Body ResendRequest body) {
        events.resend(caller, eventId, body == null ? null : body.channels());
        return HttpResponse.status(HttpStatus.ACCEPTED);
    }

    @Post("/rules/{ruleId}/test")
    @Operation(operationId = "testNotificationRule", summary = "Test notification rule")
    HttpResponse<EventJson> test(Caller caller, String ruleId) {
        return HttpResponse.created(EventJson.of(events.test(caller, ruleId)));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be an RFC 3339 date-time");
        }
    }
}
