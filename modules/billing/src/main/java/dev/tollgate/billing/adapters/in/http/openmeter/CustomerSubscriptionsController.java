package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.SubscriptionViews.SubscriptionView;
import dev.tollgate.billing.application.port.in.ManageSubscriptionsUseCase;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;

/** OpenMeter's listCustomerSubscriptions: a customer's subscriptions, by status now, paged. */
@Controller("/api/v1/customers/{customerIdOrKey}/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: subscriptions")
final class CustomerSubscriptionsController {
    private final ManageSubscriptionsUseCase subscriptions;
    private final Clock clock;

    CustomerSubscriptionsController(ManageSubscriptionsUseCase subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Get
    @Operation(operationId = "listCustomerSubscriptions", summary = "List customer subscriptions")
    OpenMeterPage<SubscriptionView> list(Caller caller, String customerIdOrKey, @Nullable @QueryValue List<String> status,
                                         @Nullable @QueryValue String orderBy, @Nullable @QueryValue String order,
                                         @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        List<SubscriptionStatus> statuses = status == null ? List.of() : status.stream().map(s -> SubscriptionStatus.ofWire(s)
                .orElseThrow(() -> new ValidationException("status", "must be one of active, inactive, canceled, scheduled, not '" + s + "'")))
                .toList();
        var found = subscriptions.listOfCustomer(caller, customerIdOrKey, statuses,
                Paging.orderBy(orderBy, "activeFrom", List.of("activeFrom", "activeTo")), Paging.descending(order), pages);
        var now = clock.instant();
        return Paging.openmeterPage(found, pages.limit(), s -> SubscriptionView.of(s, now));
    }
}
