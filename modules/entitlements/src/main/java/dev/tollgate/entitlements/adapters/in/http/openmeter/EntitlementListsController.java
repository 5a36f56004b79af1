package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.AccessView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.EntitlementV2View;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.EntitlementView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.GrantView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.ValueView;
import dev.tollgate.entitlements.application.port.in.ManageEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.in.ManageGrantsUseCase;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The namespace-wide entitlement and grant lists (v1 and v2), voiding grants, and a customer's access at a glance. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: entitlements")
final class EntitlementListsController {
    private static final Set<String> TYPES = Set.of("metered", "boolean", "static");
    private final ManageEntitlementsUseCase entitlements;
    private final ManageGrantsUseCase grants;
    private final Clock clock;

    EntitlementListsController(ManageEntitlementsUseCase entitlements, ManageGrantsUseCase grants, Clock clock) {
        this.entitlements = entitlements;
        this.grants = grants;
        this.clock = clock;
    }

    @Get("/v2/entitlements")
    @Operation(operationId = "listEntitlementsV2", summary = "List all entitlements")
    OpenMeterPage<EntitlementV2View> listV2(Caller caller, @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> customerKeys,
                               @Nullable @QueryValue List<String> customerIds, @Nullable @QueryValue List<String> entitlementType,
                               @Nullable @QueryValue Boolean excludeInactive, @Nullable @QueryValue Integer page,
                               @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit,
                               @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        PageRequest pages = EntitlementQueries.pages(page, pageSize, offset, limit);
        return Paging.openmeterPage(entitlements.list(caller, filter(customerIds, feature, entitlementType, excludeInactive, order, orderBy),
                or(customerKeys), List.of(), pages), pages.limit(), EntitlementV2View::of);
    }

    @Get("/v2/entitlements/{entitlementId}")
    @Operation(operationId = "getEntitlementByIdV2", summary = "Get entitlement by id")
    EntitlementV2View getV2(Caller caller, String entitlementId) {
        return EntitlementV2View.of(entitlements.getById(caller, entitlementId));
    }

    @Get("/v2/grants")
    @Operation(operationId = "listGrantsV2", summary = "List grants")
    OpenMeterPage<GrantView> grantsV2(Caller caller, @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> customer,
                                 @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue Integer page,
                                 @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit,
                                 @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        PageRequest pages = EntitlementQueries.pages(page, pageSize, offset, limit);
        return Paging.openmeterPage(grants.list(caller, grantFilter(feature, includeDeleted, order, orderBy), or(customer), List.of(), pages),
                pages.limit(), g -> GrantView.of(g, clock.instant()));
    }

    @Get("/v1/entitlements")
    @Operation(operationId = "listEntitlements", summary = "List all entitlements", deprecated = true)
    Object listV1(Caller caller, @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> subject,
                  @Nullable @QueryValue List<String> entitlementType, @Nullable @QueryValue Boolean excludeInactive,
                  @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue Integer offset,
                  @Nullable @QueryValue Integer limit, @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        PageRequest pages = EntitlementQueries.pages(page, pageSize, offset, limit);
        var found = entitlements.list(caller, filter(null, feature, entitlementType, excludeInactive, order, orderBy), List.of(), or(subject), pages);
        return paginatedOrArray(found, page != null || pageSize != null, pages, EntitlementView::of);
    }

    @Get("/v1/entitlements/{entitlementId}")
    @Operation(operationId = "getEntitlementById", summary = "Get entitlement by id", deprecated = true)
    EntitlementView getV1(Caller caller, String entitlementId) {
        return EntitlementView.of(entitlements.getById(caller, entitlementId));
    }

    @Get("/v1/grants")
    @Operation(operationId = "listGrants", summary = "List grants", deprecated = true)
    Object grantsV1(Caller caller, @Nullable @QueryValue List<String> feature, @Nullable @QueryValue List<String> subject,
                    @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize,
                    @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String order,
                    @Nullable @QueryValue String orderBy) {
        PageRequest pages = EntitlementQueries.pages(page, pageSize, offset, limit);
        var found = grants.list(caller, grantFilter(feature, includeDeleted, order, orderBy), List.of(), or(subject), pages);
        return paginatedOrArray(found, page != null || pageSize != null, pages, g -> GrantView.v1(g, clock.instant()));
    }

    @Delete("/v1/grants/{grantId}")
    @Operation(operationId = "voidGrant", summary = "Void grant")
    HttpResponse<Void> voidGrant(Caller caller, String grantId, @Nullable @QueryValue String at) {
        grants.voidGrant(caller, grantId, EntitlementQueries.time("at", at));
        return HttpResponse.noContent();
    }

    @Get("/v1/customers/{customerIdOrKey}/access")
    @Operation(operationId = "getCustomerAccess", summary = "Get customer access")
    AccessView access(Caller caller, String customerIdOrKey) {
        Map<String, ValueView> values = new java.util.LinkedHashMap<>();
        entitlements.access(caller, CustomerRef.customer(customerIdOrKey)).forEach((feature, value) -> values.put(feature,
                ValueView.of(value)));
        return new AccessView(values);
    }

    @Get("/v1/customers/{customerIdOrKey}/entitlements/{featureKey}/value")
    @Operation(operationId = "getCustomerEntitlementValue", summary = "Get customer entitlement value")
    ValueView customerValue(Caller caller, String customerIdOrKey, String featureKey, @Nullable @QueryValue String time) {
        return ValueView.of(entitlements.value(caller, CustomerRef.customer(customerIdOrKey), featureKey,
                EntitlementQueries.time("time", time), false));
    }

    private <T> Object paginatedOrArray(Page<T> found, boolean paginated, PageRequest pages, java.util.function.Function<T, ?> view) {
        return paginated ? Paging.openmeterPage(found, pages.limit(), view) : found.items().stream().map(view).toList();
    }

    private EntitlementFilter filter(List<String> customerIds, List<String> features, List<String> types, Boolean excludeInactive, String order,
                                     String orderBy) {
        List<UUID> ids = new ArrayList<>();
        for (String id : or(customerIds)) {
            ids.add(Ulid.parse(id).orElseThrow(() -> new ValidationException("customerIds", "'" + id + "' is not a ULID")));
        }
        for (String type : or(types)) {
            if (!TYPES.contains(type)) {
                throw new ValidationException("entitlementType", "must be metered, boolean or static, not '" + type + "'");
            }
        }
        return new EntitlementFilter(ids, or(features), or(types), false, Boolean.TRUE.equals(excludeInactive) ? clock.instant() : null,
                Paging.orderBy(orderBy, "createdAt", EntitlementQueries.ENTITLEMENT_ORDER), Paging.descending(order));
    }

    private static GrantFilter grantFilter(List<String> features, Boolean includeDeleted, String order, String orderBy) {
        return new GrantFilter(List.of(), List.of(), or(features), Boolean.TRUE.equals(includeDeleted),
                Paging.orderBy(orderBy, "updatedAt", EntitlementQueries.GRANT_ORDER), Paging.descending(order));
    }

    private static List<String> or(List<String> values) {
        return values == null ? List.of() : values;
    }
}
