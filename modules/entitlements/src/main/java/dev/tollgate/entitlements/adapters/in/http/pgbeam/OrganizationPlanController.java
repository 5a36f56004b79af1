package dev.tollgate.entitlements.adapters.in.http.pgbeam;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.entitlements.application.port.in.ManageTiersUseCase;
import dev.tollgate.entitlements.application.port.in.ManageTiersUseCase.OrganizationTier;
import dev.tollgate.tenancy.api.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;

/** PgBeam's organization plan: the tier and its limits, and the operator's sync after a subscription change. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: billing")
final class OrganizationPlanController {
    private static final Set<String> TIERS = Set.of("starter", "pro", "scale", "enterprise");
    private final ManageTiersUseCase tiers;

    OrganizationPlanController(ManageTiersUseCase tiers) {
        this.tiers = tiers;
    }

    @Serdeable
    record PlanLimitsView(long queries_per_day, int max_projects, int max_databases, int max_connections, int queries_per_second,
                          long bytes_per_month, int max_query_shapes, int included_seats) {
        static PlanLimitsView of(OrganizationLimits l) {
            return new PlanLimitsView(l.queriesPerDay(), l.maxProjects(), l.maxDatabases(), l.maxConnections(), l.queriesPerSecond(),
                    l.bytesPerMonth(), l.maxQueryShapes(), l.includedSeats());
        }
    }

    @Serdeable
    record OrganizationPlanView(String org_id, String plan, PlanLimitsView limits, @Nullable String billing_provider,
                                @Nullable String subscription_status, boolean enabled, boolean custom_pricing,
                                @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Double spend_limit) {
        static OrganizationPlanView of(OrganizationTier t) {
            String plan = TIERS.contains(t.limits().tier()) ? t.limits().tier() : "enterprise";
            return new OrganizationPlanView(t.organizationId(), plan, PlanLimitsView.of(t.limits()), t.billingProvider(),
                    t.subscriptionStatus() == null ? "none" : t.subscriptionStatus(), true, t.customPricing(),
                    t.spendLimit() == null ? null : t.spendLimit().doubleValue());
        }
    }

    @Serdeable
    record SyncPlanRequest(@Nullable String org_id, @Nullable String plan, @Nullable String status, @Nullable String stripe_customer_id,
                           @Nullable String stripe_subscription_id) {
    }

    @Serdeable
    record SyncPlanResponse(String status) {
    }

    @Serdeable
    record EnterprisePlanRequest(@Nullable String org_id, @Nullable String billing_provider, @Nullable Long bytes_per_month,
                                 @Nullable Integer included_seats, @Nullable Integer max_connections, @Nullable Integer max_databases,
                                 @Nullable Integer max_projects, @Nullable Integer max_query_shapes, @Nullable Double overage_per_1k,
                                 @Nullable Double overage_per_gb, @Nullable Long queries_per_day, @Nullable Integer queries_per_second) {
        /** The document's bounds, field by field. */
        EntitlementsApi.CustomLimits limits() {
            require(org_id != null && !org_id.isBlank(), "org_id", "is required");
            require("stripe".equals(billing_provider) || "manual".equals(billing_provider), "billing_provider", "must be stripe or manual");
            require(included_seats == null || included_seats >= 1, "included_seats", "must be at least 1");
            require(max_databases == null || max_databases >= 1, "max_databases", "must be at least 1");
            require(max_projects == null || max_projects >= 1, "max_projects", "must be at least 1");
            for (Number n : new Number[] {bytes_per_month, max_connections, max_query_shapes, queries_per_day, queries_per_second, overage_per_1k,
                    overage_per_gb}) {
                require(n == null || n.doubleValue() >= 0, "limits", "must not be negative");
            }
            return new EntitlementsApi.CustomLimits(queries_per_day, max_projects, max_databases, max_connections, queries_per_second,
                    bytes_per_month, max_query_shapes, included_seats);
        }

        private static void require(boolean ok, String field, String message) {
            if (!ok) {
                throw new dev.tollgate.platform.domain.ValidationException(field, message);
            }
        }
    }

    @Post("/internal/enterprise-plan")
    @Operation(operationId = "SetEnterprisePlan", summary = "Set enterprise plan")
    OrganizationPlanView enterprise(Caller caller, @Body EnterprisePlanRequest body) {
        EntitlementsApi.CustomLimits limits = body.limits();
        return OrganizationPlanView.of(tiers.setEnterprisePlan(caller, body.org_id(), body.billing_provider(), limits));
    }

    @Get("/organizations/{org_id}/plan")
    @Operation(operationId = "GetOrganizationPlan", summary = "Get organization plan")
    OrganizationPlanView plan(Caller caller, String org_id) {
        return OrganizationPlanView.of(tiers.organizationTier(caller, org_id));
    }

    /**
     * PgBeam's UpdateSpendLimit: {@code spend_limit} in dollars, a number of at least 0, or null to remove the limit. The
     * field must be present (a misspelt field must not remove a cap); anything else is 400.
     */
    @Put("/organizations/{org_id}/spend-limit")
    @Operation(operationId = "UpdateSpendLimit", summary = "Update spend limit")
    OrganizationPlanView spendLimit(Caller caller, String org_id, @Body io.micronaut.json.tree.JsonNode body) {
        java.math.BigDecimal limit;
        try {
            limit = spendLimitOf(body);
        } catch (dev.tollgate.platform.domain.ValidationException invalid) {
            tiers.organizationTier(caller, org_id); // an organization the caller cannot see is 404 (or 403) before the body is judged
            throw invalid;
        }
        return OrganizationPlanView.of(tiers.updateSpendLimit(caller, org_id, limit));
    }

    private static java.math.BigDecimal spendLimitOf(io.micronaut.json.tree.JsonNode body) {
        io.micronaut.json.tree.JsonNode value = body.isObject() ? body.get("spend_limit") : null;
        if (value == null) {
            throw new dev.tollgate.platform.domain.ValidationException("spend_limit", "is required: a number of dollars, or null to remove the limit");
        }
        java.math.BigDecimal limit = null;
        if (!value.isNull()) {
            Number number = value.isNumber() ? value.getNumberValue() : null;
            if (number == null || number instanceof Double d && (d.isNaN() || d.isInfinite()) || number instanceof Float f && (f.isNaN() || f.isInfinite())) {
                throw new dev.tollgate.platform.domain.ValidationException("spend_limit", "must be a number of dollars, or null");
            }
            limit = new java.math.BigDecimal(number.toString());
            if (limit.signum() < 0) {
                throw new dev.tollgate.platform.domain.ValidationException("spend_limit", "must not be negative");
            }
            if (limit.compareTo(java.math.BigDecimal.TEN.pow(12)) > 0) {
                throw new dev.tollgate.platform.domain.ValidationException("spend_limit", "must be at most 1000000000000 dollars");
            }
        }
        return limit;
    }

    @Serdeable
    record CancellationFeedbackRequest(@Nullable String reason, @Nullable String feedback) {
    }

    @Post("/organizations/{org_id}/cancellation-feedback")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "SubmitCancellationFeedback", summary = "Submit cancellation feedback")
    void cancellationFeedback(Caller caller, String org_id, io.micronaut.http.HttpRequest<?> request,
                              @Nullable @Body CancellationFeedbackRequest body) {
        CancellationFeedbackRequest given = dev.tollgate.platform.http.OptionalBody.orElse(request, body, new CancellationFeedbackRequest(null, null));
        tiers.submitCancellationFeedback(caller, org_id, given.reason(), given.feedback());
    }

    @Post("/internal/sync-plan")
    @Operation(operationId = "SyncPlan", summary = "Sync subscription plan")
    SyncPlanResponse sync(Caller caller, @Body SyncPlanRequest body) {
        if (body.org_id() == null || body.org_id().isBlank()) {
            throw new dev.tollgate.platform.domain.ValidationException("org_id", "is required");
        }
        var outcome = tiers.syncPlan(caller, body.org_id(), body.plan(), body.status(), body.stripe_customer_id(), body.stripe_subscription_id());
        return new SyncPlanResponse(outcome == ManageTiersUseCase.SyncOutcome.SYNCED ? "synced" : "skipped_custom_pricing");
    }
}
