package dev.tollgate.webhooks.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.application.port.in.ManageNotificationChannelsUseCase;
import dev.tollgate.webhooks.application.port.in.ManageNotificationChannelsUseCase.ChannelCommand;
import dev.tollgate.webhooks.application.port.in.ManageNotificationChannelsUseCase.ListQuery;
import dev.tollgate.webhooks.domain.Endpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** OpenMeter's notification channels (ADR 0049): webhooks of the caller's namespace, soft-deleted, replaced whole by PUT. */
@Controller("/api/v1/notification/channels")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: notifications")
final class NotificationChannelsController {
    static final List<String> ORDER_BY = List.of("id", "type", "createdAt", "updatedAt");
    private final ManageNotificationChannelsUseCase channels;

    NotificationChannelsController(ManageNotificationChannelsUseCase channels) {
        this.channels = channels;
    }

    @Serdeable
    record ChannelRequest(@Nullable String type, @Nullable String name, @Nullable String url, @Nullable Boolean disabled,
                          @Nullable Map<String, String> metadata, @Nullable Map<String, String> customHeaders, @Nullable String signingSecret) {
        ChannelCommand command() {
            return new ChannelCommand(type, name, url, disabled, metadata, customHeaders, signingSecret);
        }
    }

    /** NotificationChannelWebhook; the signing secret is shown to the namespace that owns it, as OpenMeter does. */
    @Serdeable
    record ChannelView(String createdAt, String updatedAt, @Nullable String deletedAt, String id, String type, String name, boolean disabled,
                       @Nullable Map<String, String> metadata, String url, Map<String, String> customHeaders, String signingSecret) {
        static ChannelView of(Endpoint e) {
            Map<String, String> metadata = null;
            if (e.metadata() != null) {
                metadata = new TreeMap<>();
                for (Map.Entry<String, Object> m : e.metadata().entrySet()) {
                    metadata.put(m.getKey(), String.valueOf(m.getValue()));
                }
            }
            return new ChannelView(e.createdAt().toString(), e.updatedAt().toString(), e.deletedAt() == null ? null : e.deletedAt().toString(),
                    Ulid.of(e.uuid()), "WEBHOOK", e.name(), !e.active(), metadata, e.url(), new TreeMap<>(e.customHeaders()), e.secret().value());
        }
    }

    @Get
    @Operation(operationId = "listNotificationChannels", summary = "List notification channels")
    OpenMeterPage<ChannelView> list(Caller caller, @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue Boolean includeDisabled,
                                    @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String order,
                                    @Nullable @QueryValue String orderBy) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        ListQuery query = new ListQuery(Boolean.TRUE.equals(includeDeleted), Boolean.TRUE.equals(includeDisabled),
                Paging.orderBy(orderBy, "id", ORDER_BY), Paging.descending(order));
        return Paging.openmeterPage(channels.list(caller, query, pages), pages.limit(), ChannelView::of);
    }

    @Post
    @Operation(operationId = "createNotificationChannel", summary = "Create a notification channel")
    HttpResponse<ChannelView> create(Caller caller, @Body ChannelRequest body) {
        return HttpResponse.created(ChannelView.of(channels.create(caller, body.command())));
    }

    @Get("/{channelId}")
    @Operation(operationId = "getNotificationChannel", summary = "Get notification channel")
    ChannelView get(Caller caller, String channelId) {
        return ChannelView.of(channels.get(caller, channelId));
    }

    @Put("/{channelId}")
    @Operation(operationId = "updateNotificationChannel", summary = "Update a notification channel")
    ChannelView update(Caller caller, String channelId, @Body ChannelRequest body) {
        return ChannelView.of(channels.update(caller, channelId, body.command()));
    }

    @Delete("/{channelId}")
    @Operation(operationId = "deleteNotificationChannel", summary = "Delete a notification channel")
    HttpResponse<Void> delete(Caller caller, String channelId) {
        channels.delete(caller, channelId);
        return HttpResponse.noContent();
    }
}
