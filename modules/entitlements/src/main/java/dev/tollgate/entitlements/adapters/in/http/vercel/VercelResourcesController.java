package dev.tollgate.entitlements.adapters.in.http.vercel;

import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.PlansResponse;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.ProvisionResourceRequest;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.ResourceResponse;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.UpdateResourceRequest;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase.ProvisionResource;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase.UpdateResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Vercel Marketplace's resource operations (partner side): provision, read, update and delete an installation's resources. */
@Controller("/v1/installations/{installationId}/resources")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Vercel Marketplace")
final class VercelResourcesController {
    private final VercelMarketplaceUseCase vercel;

    VercelResourcesController(VercelMarketplaceUseCase vercel) {
        this.vercel = vercel;
    }

    @Post
    ResourceResponse provision(@Nullable @Header("Authorization") String authorization,
                               @Nullable @Header("Idempotency-Key") String idempotencyKey, String installationId,
                               @Body ProvisionResourceRequest body) {
        return ResourceResponse.of(vercel.provision(VercelViews.bearer(authorization), installationId,
                new ProvisionResource(body.productId(), body.name(), body.metadata(), body.billingPlanId(),
                        idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip())));
    }

    @Get("/{resourceId}")
    ResourceResponse get(@Nullable @Header("Authorization") String authorization, String installationId, String resourceId) {
        return ResourceResponse.of(vercel.resource(VercelViews.bearer(authorization), installationId, resourceId));
    }

    @Patch("/{resourceId}")
    ResourceResponse update(@Nullable @Header("Authorization") String authorization, String installationId, String resourceId,
                            @Body UpdateResourceRequest body) {
        return ResourceResponse.of(vercel.updateResource(VercelViews.bearer(authorization), installationId, resourceId,
                new UpdateResource(body.name(), body.metadata(), body.billingPlanId())));
    }

    @Delete("/{resourceId}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@Nullable @Header("Authorization") String authorization, String installationId, String resourceId) {
        vercel.deleteResource(VercelViews.bearer(authorization), installationId, resourceId);
    }

    @Get("/{resourceId}/plans")
    PlansResponse plans(@Nullable @Header("Authorization") String authorization, String installationId, String resourceId) {
        return PlansResponse.of(vercel.resourcePlans(VercelViews.bearer(authorization), installationId, resourceId));
    }
}
