package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.OverrideDetailsView;
import dev.tollgate.billing.application.port.in.ManageCustomerOverridesUseCase;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.platform.http.StrictBooleanParameters;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;

/** OpenMeter's customer overrides: the billing profile each customer follows. */
@Controller("/api/v1/billing/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: billing customer overrides")
final class CustomerOverridesController {
    private static final Set<String> EXPANSIONS = Set.of("apps", "customer");
    private static final List<String> ORDER_BY = List.of("customerId", "customerName", "customerKey", "customerPrimaryEmail", "customerCreatedAt");
    private final ManageCustomerOverridesUseCase overrides;

    CustomerOverridesController(ManageCustomerOverridesUseCase overrides) {
        this.overrides = overrides;
    }

    /** BillingProfileCustomerOverrideCreate: no profile pins the customer to whichever is the default. */
    @Serdeable
    record OverrideBody(@Nullable String billingProfileId) {
    }

    @Get
    @Operation(operationId = "listBillingProfileCustomerOverrides", summary = "List customer overrides")
    OpenMeterPage<OverrideDetailsView> list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue List<String> expand,
                                            @Nullable @QueryValue String customerName, @Nullable @QueryValue String customerKey,
                                            @Nullable @QueryValue String customerPrimaryEmail, @Nullable @QueryValue String order,
                                            @Nullable @QueryValue String orderBy, @Nullable @QueryValue Integer page,
                                            @Nullable @QueryValue Integer pageSize) {
        Set<String> expanded = BillingProfilesRequests.expansions(expand, EXPANSIONS);
        var query = request.getParameters();
        var listing = new ManageCustomerOverridesUseCase.Listing(query.getAll("billingProfile"),
                StrictBooleanParameters.read("customersWithoutPinnedProfile", query.get("customersWithoutPinnedProfile"), false),
                StrictBooleanParameters.read("includeAllCustomers", query.get("includeAllCustomers"), true), query.getAll("customerId"),
                customerName, customerKey, customerPrimaryEmail, Paging.orderBy(orderBy, "customerId", ORDER_BY), Paging.descending(order));
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(overrides.list(caller, listing, pages), pages.limit(),
                d -> OverrideDetailsView.of(d, expanded.contains("apps"), expanded.contains("customer")));
    }

    @Put("/{customerId}")
    @Operation(operationId = "upsertBillingProfileCustomerOverride", summary = "Create a new or update a customer override")
    OverrideDetailsView upsert(Caller caller, String customerId, @Body OverrideBody body) {
        return OverrideDetailsView.of(overrides.upsert(caller, customerId, body.billingProfileId()), false, false);
    }

    @Get("/{customerId}")
    @Operation(operationId = "getBillingProfileCustomerOverride", summary = "Get a customer override")
    OverrideDetailsView get(Caller caller, String customerId, @Nullable @QueryValue List<String> expand) {
        Set<String> expanded = BillingProfilesRequests.expansions(expand, EXPANSIONS);
        return OverrideDetailsView.of(overrides.get(caller, customerId), expanded.contains("apps"), expanded.contains("customer"));
    }

    @Delete("/{customerId}")
    @Operation(operationId = "deleteBillingProfileCustomerOverride", summary = "Delete a customer override")
    HttpResponse<Void> delete(Caller caller, String customerId) {
        overrides.delete(caller, customerId);
        return HttpResponse.noContent();
    }
}
