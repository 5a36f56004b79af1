package dev.tollgate.entitlements.adapters.in.http.vercel;

import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.PlansResponse;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Vercel Marketplace's product plans: the tiers a new resource of Tollgate's product can be bought on. */
@Controller("/v1/products/{productSlug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Vercel Marketplace")
final class VercelProductsController {
    private final VercelMarketplaceUseCase vercel;

    VercelProductsController(VercelMarketplaceUseCase vercel) {
        this.vercel = vercel;
    }

    @Get("/plans")
    PlansResponse plans(@Nullable @Header("Authorization") String authorization, String productSlug) {
        return PlansResponse.of(vercel.productPlans(VercelViews.bearer(authorization), productSlug));
    }
}
