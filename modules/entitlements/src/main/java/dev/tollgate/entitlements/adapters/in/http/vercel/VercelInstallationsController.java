package dev.tollgate.entitlements.adapters.in.http.vercel;

import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.BillingPlan;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.DeleteInstallationRequest;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.DeleteInstallationResponse;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.InstallationResponse;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.PlansResponse;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.UpdateInstallationRequest;
import dev.tollgate.entitlements.adapters.in.http.vercel.VercelViews.UpsertInstallationRequest;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase.Installation;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase.UpsertInstallation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Vercel Marketplace's installation operations (partner side): Vercel installs, reads, re-plans and uninstalls.
 * Authentication is Vercel's OIDC token, checked by the use case, not Tollgate's own credentials: these routes take
 * no {@code Caller}.
 */
@Controller("/v1/installations/{installationId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Vercel Marketplace")
final class VercelInstallationsController {
    private final VercelMarketplaceUseCase vercel;

    VercelInstallationsController(VercelMarketplaceUseCase vercel) {
        this.vercel = vercel;
    }

    @Put
    InstallationResponse upsert(@Nullable @Header("Authorization") String authorization, String installationId,
                                @Body UpsertInstallationRequest body) {
        String token = VercelViews.bearer(authorization);
        return view(vercel.upsertInstallation(token, installationId, read(body)));
    }

    private static UpsertInstallation read(UpsertInstallationRequest body) {
        var account = body.account();
        var contact = account == null ? null : account.contact();
        return new UpsertInstallation(body.scopes() != null, body.acceptedPolicies() != null,
                body.credentials() == null ? null : body.credentials().access_token(), account == null ? null : account.name(),
                account == null ? null : account.url(), contact == null ? null : contact.email(), contact == null ? null : contact.name());
    }

    @Get
    InstallationResponse get(@Nullable @Header("Authorization") String authorization, String installationId) {
        return view(vercel.installation(VercelViews.bearer(authorization), installationId));
    }

    @Patch
    InstallationResponse update(@Nullable @Header("Authorization") String authorization, String installationId,
                                @Body UpdateInstallationRequest body) {
        return view(vercel.changeInstallationPlan(VercelViews.bearer(authorization), installationId, body.billingPlanId()));
    }

    @Delete
    DeleteInstallationResponse delete(@Nullable @Header("Authorization") String authorization, String installationId,
                                      @Nullable @Body DeleteInstallationRequest body) {
        boolean cascade = body != null && Boolean.TRUE.equals(body.cascadeResourceDeletion());
        return new DeleteInstallationResponse(vercel.uninstall(VercelViews.bearer(authorization), installationId, cascade));
    }

    @Get("/plans")
    PlansResponse plans(@Nullable @Header("Authorization") String authorization, String installationId) {
        return PlansResponse.of(vercel.installationPlans(VercelViews.bearer(authorization), installationId));
    }

    private static InstallationResponse view(Installation installation) {
        return new InstallationResponse(BillingPlan.of(installation.plan()));
    }
}
