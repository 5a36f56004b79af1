package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.SubscriptionAddonViews.SubscriptionAddonView;
import dev.tollgate.billing.application.port.in.ManageSubscriptionAddonsUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** OpenMeter's subscription add-ons: a set by add-on (not paged), each with its quantity over time. */
@Controller("/api/v1/subscriptions/{subscriptionId}/addons")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: subscriptions")
final class SubscriptionAddonsController {
    private final ManageSubscriptionAddonsUseCase addons;
    private final Clock clock;

    SubscriptionAddonsController(ManageSubscriptionAddonsUseCase addons, Clock clock) {
        this.addons = addons;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createSubscriptionAddon", summary = "Create subscription add-on")
    HttpResponse<SubscriptionAddonView> create(Caller caller, String subscriptionId, @Body Map<String, Object> body) {
        return HttpResponse.created(SubscriptionAddonView.of(addons.create(caller, subscriptionId, body), clock.instant()));
    }

    @Get
    @Operation(operationId = "listSubscriptionAddons", summary = "List subscription add-ons")
    List<SubscriptionAddonView> list(Caller caller, String subscriptionId) {
        var now = clock.instant();
        return addons.list(caller, subscriptionId).stream().map(b -> SubscriptionAddonView.of(b, now)).toList();
    }

    @Get("/{subscriptionAddonId}")
    @Operation(operationId = "getSubscriptionAddon", summary = "Get subscription add-on")
    SubscriptionAddonView get(Caller caller, String subscriptionId, String subscriptionAddonId) {
        return SubscriptionAddonView.of(addons.get(caller, subscriptionId, subscriptionAddonId), clock.instant());
    }

    @Patch("/{subscriptionAddonId}")
    @Operation(operationId = "updateSubscriptionAddon", summary = "Update subscription add-on")
    SubscriptionAddonView update(Caller caller, String subscriptionId, String subscriptionAddonId, @Body Map<String, Object> body) {
        return SubscriptionAddonView.of(addons.update(caller, subscriptionId, subscriptionAddonId, body), clock.instant());
    }
}
