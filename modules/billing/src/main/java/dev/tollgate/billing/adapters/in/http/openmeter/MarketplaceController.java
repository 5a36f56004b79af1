package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.AppView;
import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.InstallView;
import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.ListingView;
import dev.tollgate.billing.application.port.in.InstallByOAuth2UseCase;
import dev.tollgate.billing.application.port.in.MarketplaceUseCase;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/**
 * OpenMeter's marketplace: the three listings, installing the two that need no credentials, and Stripe with its API key
 * or through Stripe Connect OAuth.
 */
@Controller("/api/v1/marketplace/listings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: marketplace")
final class MarketplaceController {
    private final MarketplaceUseCase marketplace;
    private final InstallByOAuth2UseCase oauth2;

    MarketplaceController(MarketplaceUseCase marketplace, InstallByOAuth2UseCase oauth2) {
        this.marketplace = marketplace;
        this.oauth2 = oauth2;
    }

    /** ClientAppStartResponse. */
    @Serdeable
    record ClientAppStartView(String url) {
    }

    /** MarketplaceInstallRequestPayload. The document requires the body, so {@code {}} asks for the defaults and no body is a 400. */
    @Serdeable
    record InstallBody(@Nullable String name, @Nullable Boolean createBillingProfile) {
    }

    /** The API-key install's body: {@code apiKey} is required (checked by the use case, so its absence is a 400 naming it). */
    @Serdeable
    record ApiKeyInstallBody(@Nullable String apiKey, @Nullable String name, @Nullable Boolean createBillingProfile) {
    }

    @Get
    @Operation(operationId = "listMarketplaceListings", summary = "List available apps")
    OpenMeterPage<ListingView> list(Caller caller, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(marketplace.listings(caller, pages), pages.limit(), ListingView::of);
    }

    @Get("/{type}")
    @Operation(operationId = "getMarketplaceListing", summary = "Get app details by type")
    ListingView get(Caller caller, String type) {
        return ListingView.of(marketplace.listing(caller, type));
    }

    @Post("/{type}/install")
    @Operation(operationId = "marketplaceAppInstall", summary = "Install app")
    InstallView install(Caller caller, String type, @Body InstallBody body) {
        MarketplaceUseCase.Installed installed = marketplace.install(caller, type, body.name(),
                body.createBillingProfile() == null || body.createBillingProfile());
        return new InstallView(AppView.of(installed.app()), installed.defaultForCapabilityTypes());
    }

    @Post("/{type}/install/apikey")
    @Operation(operationId = "marketplaceAppAPIKeyInstall", summary = "Install app via API key")
    InstallView installWithApiKey(Caller caller, String type, @Body ApiKeyInstallBody body) {
        MarketplaceUseCase.Installed installed = marketplace.installWithApiKey(caller, type, body.apiKey(), body.name(),
                body.createBillingProfile() == null || body.createBillingProfile());
        return new InstallView(AppView.of(installed.app()), installed.defaultForCapabilityTypes());
    }

    /** Stripe Connect's authorize URL with a one-time state of the caller's namespace (ADR 0047). */
    @Get("/{type}/install/oauth2")
    @Operation(operationId = "marketplaceOAuth2InstallGetURL", summary = "Get OAuth2 install URL")
    ClientAppStartView oauth2InstallUrl(Caller caller, String type) {
        return new ClientAppStartView(oauth2.installUrl(caller, type));
    }

    /**
     * Where Stripe sends the browser back (the caller's session cookie comes with it): the app installed, then a 303 to
     * the operator's return page or the installed app. Every refusal is a 400 problem.
     */
    @Get("/{type}/install/oauth2/authorize")
    @Operation(operationId = "marketplaceOAuth2InstallAuthorize", summary = "Install app via OAuth2")
    HttpResponse<Void> oauth2Authorize(Caller caller, String type, @Nullable @QueryValue String state, @Nullable @QueryValue String code,
                                       @Nullable @QueryValue String error, @Nullable @QueryValue("error_description") String errorDescription,
                                       @Nullable @QueryValue("error_uri") String errorUri) {
        InstallByOAuth2UseCase.Authorized authorized = oauth2.authorize(caller, type,
                new InstallByOAuth2UseCase.Callback(state, code, error, errorDescription));
        return HttpResponse.seeOther(URI.create(authorized.redirectTo()));
    }
}
