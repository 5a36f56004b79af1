package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.AppView;
import dev.tollgate.billing.application.port.in.ManageAppsUseCase;
import dev.tollgate.billing.application.port.in.ManageStripeAppUseCase;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
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
import java.util.Map;

/** OpenMeter's installed apps (sandbox, custom invoicing, Stripe) and the Stripe app's key. */
@Controller("/api/v1/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: apps")
final class AppsController {
    private final ManageAppsUseCase apps;
    private final ManageStripeAppUseCase stripe;

    AppsController(ManageAppsUseCase apps, ManageStripeAppUseCase stripe) {
        this.apps = apps;
        this.stripe = stripe;
    }

    /** StripeAPIKeyInput. */
    @Serdeable
    record StripeApiKeyBody(@Nullable String secretAPIKey) {
    }

    /** AppReplaceUpdate, all three shapes: the hooks are custom invoicing's, the API key Stripe's. */
    @Serdeable
    record AppUpdateBody(String name, @Nullable String description, @Nullable Map<String, String> metadata, String type,
                         @Nullable Boolean enableDraftSyncHook, @Nullable Boolean enableIssuingSyncHook, @Nullable String secretAPIKey) {
        App.Change change() {
            if (type == null) {
                throw new ValidationException("type", "is required: sandbox, custom_invoicing or stripe");
            }
            return new App.Change(AppType.parse("type", type), name, description, metadata, enableDraftSyncHook, enableIssuingSyncHook);
        }
    }

    @Get
    @Operation(operationId = "listApps", summary = "List apps")
    OpenMeterPage<AppView> list(Caller caller, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(apps.list(caller, pages), pages.limit(), AppView::of);
    }

    @Get("/{id}")
    @Operation(operationId = "getApp", summary = "Get app")
    AppView get(Caller caller, String id) {
        return AppView.of(apps.get(caller, id));
    }

    @Put("/{id}")
    @Operation(operationId = "updateApp", summary = "Update app")
    AppView update(Caller caller, String id, @Body AppUpdateBody body) {
        App.Change change = body.change();
        if (body.secretAPIKey() != null) {
            if (change.type() != AppType.STRIPE) {
                throw new ValidationException("secretAPIKey", "is a Stripe app's field; a " + change.type().wire() + " app has no API key");
            }
            stripe.updateApiKey(caller, id, body.secretAPIKey());
        }
        return AppView.of(apps.update(caller, id, change));
    }

    @Put("/{id}/stripe/api-key")
    @Operation(operationId = "updateStripeAPIKey", summary = "Update Stripe API key")
    HttpResponse<Void> updateStripeApiKey(Caller caller, String id, @Body StripeApiKeyBody body) {
        stripe.updateApiKey(caller, id, body.secretAPIKey());
        return HttpResponse.noContent();
    }

    @Delete("/{id}")
    @Operation(operationId = "uninstallApp", summary = "Uninstall app")
    HttpResponse<Void> uninstall(Caller caller, String id) {
        apps.uninstall(caller, id);
        return HttpResponse.noContent();
    }
}
