package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.EntitlementV2View;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.GrantView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.HistoryView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.ValueView;
import dev.tollgate.entitlements.application.port.in.ManageEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.in.ManageGrantsUseCase;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OptionalBody;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Map;

/** OpenMeter v2: a customer's entitlements, their grants, value, history, override and reset. */
@Controller("/api/v2/customers/{customerIdOrKey}/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: entitlements")
final class CustomerEntitlementsController {
    private final ManageEntitlementsUseCase entitlements;
    private final ManageGrantsUseCase grants;
    private final Clock clock;

    CustomerEntitlementsController(ManageEntitlementsUseCase entitlements, ManageGrantsUseCase grants, Clock clock) {
        this.entitlements = entitlements;
        this.grants = grants;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createCustomerEntitlementV2", summary = "Create a customer entitlement")
    HttpResponse<EntitlementV2View> create(Caller caller, String customerIdOrKey, @Body Map<String, Object> body) {
        return HttpResponse.created(EntitlementV2View.of(entitlements.create(caller, CustomerRef.customer(customerIdOrKey), body, true)));
    }

    @Get
    @Operation(operationId = "listCustomerEntitlementsV2", summary = "List customer entitlements")
    OpenMeterPage<EntitlementV2View> list(Caller caller, String customerIdOrKey, @Nullable @QueryValue Boolean includeDeleted,
                             @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String order,
                             @Nullable @QueryValue String orderBy) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(entitlements.listOfCustomer(caller, CustomerRef.customer(customerIdOrKey), Boolean.TRUE.equals(includeDeleted),
                pages, Paging.orderBy(orderBy, "createdAt", EntitlementQueries.ENTITLEMENT_ORDER), Paging.descending(order)), pages.limit(),
                EntitlementV2View::of);
    }

    @Get("/{entitlementIdOrFeatureKey}")
    @Operation(operationId = "getCustomerEntitlementV2", summary = "Get customer entitlement")
    EntitlementV2View get(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey) {
        return EntitlementV2View.of(entitlements.get(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey));
    }

    @Delete("/{entitlementIdOrFeatureKey}")
    @Operation(operationId = "deleteCustomerEntitlementV2", summary = "Delete customer entitlement")
    HttpResponse<Void> delete(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey) {
        entitlements.delete(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey);
        return HttpResponse.noContent();
    }

    @Get("/{entitlementIdOrFeatureKey}/grants")
    @Operation(operationId = "listCustomerEntitlementGrantsV2", summary = "List customer entitlement grants")
    OpenMeterPage<GrantView> grants(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey,
                               @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue Integer page,
                               @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit,
                               @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        PageRequest pages = EntitlementQueries.pages(page, pageSize, offset, limit);
        return Paging.openmeterPage(grants.listOfEntitlement(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey,
                Boolean.TRUE.equals(includeDeleted), pages, Paging.orderBy(orderBy, "updatedAt", EntitlementQueries.GRANT_ORDER),
                Paging.descending(order)), pages.limit(), g -> GrantView.of(g, clock.instant()));
    }

    @Post("/{entitlementIdOrFeatureKey}/grants")
    @Operation(operationId = "createCustomerEntitlementGrantV2", summary = "Create customer entitlement grant")
    HttpResponse<GrantView> grant(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey,
                                            @Body Map<String, Object> body) {
        return HttpResponse.created(GrantView.of(grants.create(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey,
                body, true), clock.instant()));
    }

    @Get("/{entitlementIdOrFeatureKey}/history")
    @Operation(operationId = "getCustomerEntitlementHistoryV2", summary = "Get customer entitlement history")
    HistoryView history(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String windowSize,
                                @Nullable @QueryValue String windowTimeZone) {
        return HistoryView.of(entitlements.history(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey,
                EntitlementQueries.time("from", from), EntitlementQueries.time("to", to), EntitlementQueries.window(windowSize),
                EntitlementQueries.zone(windowTimeZone)));
    }

    @Put("/{entitlementIdOrFeatureKey}/override")
    @Operation(operationId = "overrideCustomerEntitlementV2", summary = "Override customer entitlement")
    HttpResponse<EntitlementV2View> override(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey,
                                               @Body Map<String, Object> body) {
        return HttpResponse.created(EntitlementV2View.of(entitlements.override(caller, CustomerRef.customer(customerIdOrKey),
                entitlementIdOrFeatureKey, body, true)));
    }

    @Post("/{entitlementIdOrFeatureKey}/reset")
    @Operation(operationId = "resetCustomerEntitlementUsageV2", summary = "Reset customer entitlement")
    HttpResponse<Void> reset(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        entitlements.reset(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey, OptionalBody.orElse(request, body, Map.of()));
        return HttpResponse.noContent();
    }

    @Get("/{entitlementIdOrFeatureKey}/value")
    @Operation(operationId = "getCustomerEntitlementValueV2", summary = "Get customer entitlement value")
    ValueView value(Caller caller, String customerIdOrKey, String entitlementIdOrFeatureKey, @Nullable @QueryValue String time) {
        return ValueView.of(entitlements.value(caller, CustomerRef.customer(customerIdOrKey), entitlementIdOrFeatureKey,
                EntitlementQueries.time("time", time), false));
    }
}
