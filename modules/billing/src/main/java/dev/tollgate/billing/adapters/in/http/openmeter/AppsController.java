package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.AppView;
import dev.tollgate.billing.application.port.in.ManageAppsUseCase;
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

/** OpenMeter's installed apps (sandbox and custom invoicing; Stripe's routes come with the Stripe app). */
@Controller("/api/v1/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: apps")
final class AppsController {
    private final ManageAppsUseCase apps;

    AppsController(ManageAppsUseCase apps) {
        this.apps = apps;
    }

    /** AppReplaceUpdate, all three shapes: the hooks are custom invoicing's, the API key Stripe's (refused: no Stripe app exists). */
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
        return AppView.of(apps.update(caller, id, body.change()));
    }

    @Delete("/{id}")
    @Operation(operationId = "uninstallApp", summary = "Uninstall app")
    HttpResponse<Void> uninstall(Caller caller, String id) {
        apps.uninstall(caller, id);
        return HttpResponse.noContent();
    }
}
