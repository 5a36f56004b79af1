package dev.tollgate.webhooks.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.adapters.in.http.openmeter.NotificationViews.RuleView;
import dev.tollgate.webhooks.application.port.in.ManageNotificationRulesUseCase;
import dev.tollgate.webhooks.application.port.in.ManageNotificationRulesUseCase.ListQuery;
import dev.tollgate.webhooks.application.port.in.ManageNotificationRulesUseCase.RuleCommand;
import dev.tollgate.webhooks.application.port.in.ManageNotificationRulesUseCase.ThresholdInput;
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

/** OpenMeter's notification rules (ADR 0049): soft-deleted, replaced whole by PUT. */
@Controller("/api/v1/notification/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: notifications")
final class NotificationRulesController {
    static final List<String> ORDER_BY = List.of("id", "type", "createdAt", "updatedAt");
    private final ManageNotificationRulesUseCase rules;

    NotificationRulesController(ManageNotificationRulesUseCase rules) {
        this.rules = rules;
    }

    @Serdeable
    record ThresholdRequest(@Nullable Double value, @Nullable String type) {
    }

    @Serdeable
    record RuleRequest(@Nullable String type, @Nullable String name, @Nullable Boolean disabled, @Nullable Map<String, String> metadata,
                       @Nullable List<ThresholdRequest> thresholds, @Nullable List<String> channels, @Nullable List<String> features) {
        RuleCommand command() {
            return new RuleCommand(type, name, disabled, metadata, thresholds == null ? null
                    : thresholds.stream().map(t -> t == null ? null : new ThresholdInput(t.value(), t.type())).toList(), channels, features);
        }
    }

    @Get
    @Operation(operationId = "listNotificationRules", summary = "List notification rules")
    OpenMeterPage<RuleView> list(Caller caller, @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue Boolean includeDisabled,
                                 @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> channel,
                                 @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String order,
                                 @Nullable @QueryValue String orderBy) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        ListQuery query = new ListQuery(Boolean.TRUE.equals(includeDeleted), Boolean.TRUE.equals(includeDisabled),
                feature == null ? List.of() : feature, channel == null ? List.of() : channel, Paging.orderBy(orderBy, "id", ORDER_BY),
                Paging.descending(order));
        return Paging.openmeterPage(rules.list(caller, query, pages), pages.limit(), RuleView::of);
    }

    @Post
    @Operation(operationId = "createNotificationRule", summary = "Create a notification rule")
    HttpResponse<RuleView> create(Caller caller, @Body RuleRequest body) {
        return HttpResponse.created(RuleView.of(rules.create(caller, body.command())));
    }

    @Get("/{ruleId}")
    @Operation(operationId = "getNotificationRule", summary = "Get notification rule")
    RuleView get(Caller caller, String ruleId) {
        return RuleView.of(rules.get(caller, ruleId));
    }

    @Put("/{ruleId}")
    @Operation(operationId = "updateNotificationRule", summary = "Update a notification rule")
    RuleView update(Caller caller, String ruleId, @Body RuleRequest body) {
        return RuleView.of(rules.update(caller, ruleId, body.command()));
    }

    @Delete("/{ruleId}")
    @Operation(operationId = "deleteNotificationRule", summary = "Delete a notification rule")
    HttpResponse<Void> delete(Caller caller, String ruleId) {
        rules.delete(caller, ruleId);
        return HttpResponse.noContent();
    }
}
