package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.SubscriptionViews.ChangeView;
import dev.tollgate.billing.adapters.in.http.openmeter.SubscriptionViews.SubscriptionExpandedView;
import dev.tollgate.billing.adapters.in.http.openmeter.SubscriptionViews.SubscriptionView;
import dev.tollgate.billing.application.port.in.ChangeSubscriptionsUseCase;
import dev.tollgate.billing.application.port.in.ChangeSubscriptionsUseCase.Change;
import dev.tollgate.billing.application.port.in.EditSubscriptionUseCase;
import dev.tollgate.billing.application.port.in.ManageSubscriptionsUseCase;
import dev.tollgate.platform.http.OptionalBody;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** OpenMeter's subscriptions: create from a plan or a custom one, read at an instant, and the lifecycle actions. */
@Controller("/api/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: subscriptions")
final class SubscriptionsController {
    private final ManageSubscriptionsUseCase subscriptions;
    private final ChangeSubscriptionsUseCase lifecycle;
    private final EditSubscriptionUseCase edits;
    private final Clock clock;

    SubscriptionsController(ManageSubscriptionsUseCase subscriptions, ChangeSubscriptionsUseCase lifecycle, EditSubscriptionUseCase edits,
                            Clock clock) {
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.edits = edits;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createSubscription", summary = "Create subscription")
    HttpResponse<SubscriptionView> create(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(SubscriptionView.of(subscriptions.create(caller, body), clock.instant()));
    }

    @Get("/{subscriptionId}")
    @Operation(operationId = "getSubscription", summary = "Get subscription")
    SubscriptionExpandedView get(Caller caller, String subscriptionId, @Nullable @QueryValue Instant at) {
        return SubscriptionExpandedView.of(subscriptions.get(caller, subscriptionId), at == null ? clock.instant() : at);
    }

    @Patch("/{subscriptionId}")
    @Operation(operationId = "editSubscription", summary = "Edit subscription")
    SubscriptionView edit(Caller caller, String subscriptionId, @Body Map<String, Object> body) {
        return SubscriptionView.of(edits.edit(caller, subscriptionId, body), clock.instant());
    }

    @Delete("/{subscriptionId}")
    @Operation(operationId = "deleteSubscription", summary = "Delete subscription")
    HttpResponse<Void> delete(Caller caller, String subscriptionId) {
        subscriptions.delete(caller, subscriptionId);
        return HttpResponse.noContent();
    }

    @Post("/{subscriptionId}/cancel")
    @Operation(operationId = "cancelSubscription", summary = "Cancel subscription")
    SubscriptionView cancel(Caller caller, String subscriptionId, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return SubscriptionView.of(lifecycle.cancel(caller, subscriptionId, OptionalBody.orElse(request, body, Map.of())), clock.instant());
    }

    @Post("/{subscriptionId}/unschedule-cancelation")
    @Operation(operationId = "unscheduleCancelation", summary = "Unschedule cancelation")
    SubscriptionView unscheduleCancelation(Caller caller, String subscriptionId) {
        return SubscriptionView.of(lifecycle.unscheduleCancelation(caller, subscriptionId), clock.instant());
    }

    @Post("/{subscriptionId}/restore")
    @Operation(operationId = "restoreSubscription", summary = "Restore subscription", deprecated = true)
    SubscriptionView restore(Caller caller, String subscriptionId) {
        return SubscriptionView.of(lifecycle.restore(caller, subscriptionId), clock.instant());
    }

    @Post("/{subscriptionId}/change")
    @Operation(operationId = "changeSubscription", summary = "Change subscription")
    ChangeView change(Caller caller, String subscriptionId, @Body Map<String, Object> body) {
        return view(lifecycle.change(caller, subscriptionId, body));
    }

    @Post("/{subscriptionId}/migrate")
    @Operation(operationId = "migrateSubscription", summary = "Migrate subscription")
    ChangeView migrate(Caller caller, String subscriptionId, @Body Map<String, Object> body) {
        return view(lifecycle.migrate(caller, subscriptionId, body));
    }

    private ChangeView view(Change change) {
        Instant now = clock.instant();
        return new ChangeView(SubscriptionView.of(change.current(), now), SubscriptionExpandedView.of(change.next(), now));
    }
}
