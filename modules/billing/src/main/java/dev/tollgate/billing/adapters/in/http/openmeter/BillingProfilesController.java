package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingProfilesRequests.ProfileCreateBody;
import dev.tollgate.billing.adapters.in.http.openmeter.BillingProfilesRequests.ProfileUpdateBody;
import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.ProfileView;
import dev.tollgate.billing.application.port.in.ManageBillingProfilesUseCase;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
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
import java.util.List;
import java.util.Set;

/** OpenMeter's billing profiles: supplier, workflow and apps; one default per namespace. */
@Controller("/api/v1/billing/profiles")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: billing profiles")
final class BillingProfilesController {
    private static final Set<String> EXPANSIONS = Set.of("apps");
    private static final List<String> ORDER_BY = List.of("createdAt", "updatedAt", "default", "name");
    private final ManageBillingProfilesUseCase profiles;

    BillingProfilesController(ManageBillingProfilesUseCase profiles) {
        this.profiles = profiles;
    }

    @Get
    @Operation(operationId = "listBillingProfiles", summary = "List billing profiles")
    OpenMeterPage<ProfileView> list(Caller caller, @Nullable @QueryValue Boolean includeArchived, @Nullable @QueryValue List<String> expand,
                                    @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize,
                                    @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        boolean apps = BillingProfilesRequests.expansions(expand, EXPANSIONS).contains("apps");
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(profiles.list(caller, Boolean.TRUE.equals(includeArchived), Paging.orderBy(orderBy, "createdAt", ORDER_BY),
                Paging.descending(order), pages), pages.limit(), p -> ProfileView.of(p, apps));
    }

    @Post
    @Operation(operationId = "createBillingProfile", summary = "Create a new billing profile")
    HttpResponse<ProfileView> create(Caller caller, @Body ProfileCreateBody body) {
        return HttpResponse.created(ProfileView.of(profiles.create(caller, body.input(), body.choice()), false));
    }

    @Get("/{id}")
    @Operation(operationId = "getBillingProfile", summary = "Get a billing profile")
    ProfileView get(Caller caller, String id, @Nullable @QueryValue List<String> expand) {
        boolean apps = BillingProfilesRequests.expansions(expand, EXPANSIONS).contains("apps");
        return ProfileView.of(profiles.get(caller, id), apps);
    }

    @Put("/{id}")
    @Operation(operationId = "updateBillingProfile", summary = "Update a billing profile")
    ProfileView update(Caller caller, String id, @Body ProfileUpdateBody body) {
        return ProfileView.of(profiles.update(caller, id, body.input()), false);
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteBillingProfile", summary = "Delete a billing profile")
    HttpResponse<Void> delete(Caller caller, String id) {
        profiles.delete(caller, id);
        return HttpResponse.noContent();
    }
}
