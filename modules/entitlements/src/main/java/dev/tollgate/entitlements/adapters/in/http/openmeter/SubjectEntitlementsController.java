package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.EntitlementView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.GrantView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.HistoryView;
import dev.tollgate.entitlements.adapters.in.http.openmeter.EntitlementViews.ValueView;
import dev.tollgate.entitlements.application.port.in.ManageEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.in.ManageGrantsUseCase;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OptionalBody;
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
import java.util.List;
import java.util.Map;

/**
 * OpenMeter v1 (deprecated, still served): entitlements addressed by a subject key, which resolves to the customer
 * that owns the subject. Bodies use the v1 inputs: grants need an expiration and roll nothing over by default.
 */
@Controller("/api/v1/subjects/{subjectIdOrKey}/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: entitlements")
final class SubjectEntitlementsController {
    private static final PageRequest ALL = new PageRequest(0, PageRequest.MAX_LIMIT);
    private final ManageEntitlementsUseCase entitlements;
    private final ManageGrantsUseCase grants;
    private final Clock clock;

    SubjectEntitlementsController(ManageEntitlementsUseCase entitlements, ManageGrantsUseCase grants, Clock clock) {
        this.entitlements = entitlements;
        this.grants = grants;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createEntitlement", summary = "Create a subject entitlement", deprecated = true)
    HttpResponse<EntitlementView> create(Caller caller, String subjectIdOrKey, @Body Map<String, Object> body) {
        return HttpResponse.created(EntitlementView.of(entitlements.create(caller, CustomerRef.subject(subjectIdOrKey), body, false)));
    }

    @Get
    @Operation(operationId = "listSubjectEntitlements", summary = "List subject entitlements", deprecated = true)
    List<EntitlementView> list(Caller caller, String subjectIdOrKey, @Nullable @QueryValue Boolean includeDeleted) {
        return entitlements.listOfCustomer(caller, CustomerRef.subject(subjectIdOrKey), Boolean.TRUE.equals(includeDeleted), ALL, "createdAt",
                false).items().stream().map(EntitlementView::of).toList();
    }

    @Get("/{entitlementId}")
    @Operation(operationId = "getEntitlement", summary = "Get subject entitlement", deprecated = true)
    EntitlementView get(Caller caller, String subjectIdOrKey, String entitlementId) {
        return EntitlementView.of(entitlements.get(caller, CustomerRef.subject(subjectIdOrKey), entitlementId));
    }

    @Delete("/{entitlementId}")
    @Operation(operationId = "deleteEntitlement", summary = "Delete subject entitlement", deprecated = true)
    HttpResponse<Void> delete(Caller caller, String subjectIdOrKey, String entitlementId) {
        entitlements.delete(caller, CustomerRef.subject(subjectIdOrKey), entitlementId);
        return HttpResponse.noContent();
    }

    @Get("/{entitlementIdOrFeatureKey}/grants")
    @Operation(operationId = "listEntitlementGrants", summary = "List subject entitlement grants", deprecated = true)
    List<GrantView> grants(Caller caller, String subjectIdOrKey, String entitlementIdOrFeatureKey,
                                     @Nullable @QueryValue Boolean includeDeleted, @Nullable @QueryValue String orderBy) {
        return grants.listOfEntitlement(caller, CustomerRef.subject(subjectIdOrKey), entitlementIdOrFeatureKey, Boolean.TRUE.equals(includeDeleted),
                ALL, Paging.orderBy(orderBy, "updatedAt", EntitlementQueries.GRANT_ORDER), false).items().stream()
                .map(g -> GrantView.v1(g, clock.instant())).toList();
    }

    @Post("/{entitlementIdOrFeatureKey}/grants")
    @Operation(operationId = "createGrant", summary = "Create subject entitlement grant", deprecated = true)
    HttpResponse<GrantView> grant(Caller caller, String subjectIdOrKey, String entitlementIdOrFeatureKey,
                                            @Body Map<String, Object> body) {
        return HttpResponse.created(GrantView.v1(grants.create(caller, CustomerRef.subject(subjectIdOrKey), entitlementIdOrFeatureKey,
                body, false), clock.instant()));
    }

    @Put("/{entitlementIdOrFeatureKey}/override")
    @Operation(operationId = "overrideEntitlement", summary = "Override subject entitlement", deprecated = true)
    HttpResponse<EntitlementView> override(Caller caller, String subjectIdOrKey, String entitlementIdOrFeatureKey,
                                               @Body Map<String, Object> body) {
        return HttpResponse.created(EntitlementView.of(entitlements.override(caller, CustomerRef.subject(subjectIdOrKey),
                entitlementIdOrFeatureKey, body, false)));
    }

    @Get("/{entitlementIdOrFeatureKey}/value")
    @Operation(operationId = "getEntitlementValue", summary = "Get subject entitlement value", deprecated = true)
    ValueView value(Caller caller, String subjectIdOrKey, String entitlementIdOrFeatureKey, @Nullable @QueryValue String time) {
        return ValueView.of(entitlements.value(caller, CustomerRef.subject(subjectIdOrKey), entitlementIdOrFeatureKey,
                EntitlementQueries.time("time", time), true));
    }

    @Get("/{entitlementId}/history")
    @Operation(operationId = "getEntitlementHistory", summary = "Get subject entitlement history", deprecated = true)
    HistoryView history(Caller caller, String subjectIdOrKey, String entitlementId, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String windowSize,
                                @Nullable @QueryValue String windowTimeZone) {
        return HistoryView.of(entitlements.history(caller, CustomerRef.subject(subjectIdOrKey), entitlementId,
                EntitlementQueries.time("from", from), EntitlementQueries.time("to", to), EntitlementQueries.window(windowSize),
                EntitlementQueries.zone(windowTimeZone)));
    }

    @Post("/{entitlementId}/reset")
    @Operation(operationId = "resetEntitlementUsage", summary = "Reset subject entitlement", deprecated = true)
    HttpResponse<Void> reset(Caller caller, String subjectIdOrKey, String entitlementId, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        entitlements.reset(caller, CustomerRef.subject(subjectIdOrKey), entitlementId, OptionalBody.orElse(request, body, Map.of()));
        return HttpResponse.noContent();
    }
}
