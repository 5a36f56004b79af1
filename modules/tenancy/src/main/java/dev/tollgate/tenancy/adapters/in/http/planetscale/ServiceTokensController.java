package dev.tollgate.tenancy.adapters.in.http.planetscale;

import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.AccessView;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.ServiceTokenView;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.ServiceTokenWithPlaintext;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageServiceTokensUseCase;
import dev.tollgate.tenancy.domain.ServiceToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/v1/organizations/{organization}/service-tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: service tokens")
final class ServiceTokensController {
    private final ManageServiceTokensUseCase tokens;

    ServiceTokensController(ManageServiceTokensUseCase tokens) {
        this.tokens = tokens;
    }

    @Serdeable
    record CreateTokenRequest(@Nullable String name) {
    }

    @Serdeable
    record CreateAccessRequest(@Nullable String access, @Nullable String database) {
    }

    @Get
    @Operation(operationId = "listServiceTokens", summary = "List service tokens")
    DataList<ServiceTokenView> list(Caller caller, String organization) {
        return new DataList<>(tokens.list(caller, organization).stream().map(ServiceTokenView::of).toList());
    }

    @Post
    @Operation(operationId = "createServiceToken", summary = "Create a service token")
    HttpResponse<ServiceTokenWithPlaintext> create(Caller caller, String organization, @Body CreateTokenRequest body) {
        ServiceToken.Issued issued = tokens.create(caller, organization, body.name());
        ServiceToken t = issued.token();
        return HttpResponse.created(new ServiceTokenWithPlaintext(t.publicId(), t.name(), t.createdAt(), issued.plaintext()));
    }

    @Get("/{service_token_id}")
    @Operation(operationId = "getServiceToken", summary = "Get a service token")
    ServiceTokenView get(Caller caller, String organization, String service_token_id) {
        return ServiceTokenView.of(tokens.get(caller, organization, service_token_id));
    }

    @Delete("/{service_token_id}")
    @Operation(operationId = "deleteServiceToken", summary = "Delete a service token")
    HttpResponse<Void> delete(Caller caller, String organization, String service_token_id) {
        tokens.delete(caller, organization, service_token_id);
        return HttpResponse.noContent();
    }

    @Get("/{service_token_id}/accesses")
    @Operation(operationId = "listServiceTokenAccesses", summary = "List service token accesses")
    DataList<AccessView> accesses(Caller caller, String organization, String service_token_id) {
        return new DataList<>(tokens.accesses(caller, organization, service_token_id).stream().map(AccessView::of).toList());
    }

    @Post("/{service_token_id}/accesses")
    @Operation(operationId = "createServiceTokenAccess", summary = "Grant a service token access")
    HttpResponse<AccessView> grant(Caller caller, String organization, String service_token_id, @Body CreateAccessRequest body) {
        return HttpResponse.created(AccessView.of(tokens.grant(caller, organization, service_token_id, body.access(), body.database())));
    }
}
