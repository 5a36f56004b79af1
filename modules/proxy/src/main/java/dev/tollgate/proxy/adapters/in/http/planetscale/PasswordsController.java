package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.PasswordResponse;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.PasswordWithPlaintext;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.RoleCredentials;
import dev.tollgate.proxy.application.port.in.ManageBranchLoginsUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * PlanetScale's passwords and role credentials of a branch (ADR 0056): real PostgreSQL roles, usable through the proxy
 * at once. The password is in the creating answer only.
 */
@Controller("/v1/organizations/{organization}/databases/{database}/branches/{branch}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: passwords")
final class PasswordsController {
    private final ManageBranchLoginsUseCase logins;

    PasswordsController(ManageBranchLoginsUseCase logins) {
        this.logins = logins;
    }

    @Serdeable
    record PasswordRequest(@Nullable String name, @Nullable String role, @Nullable Double ttl) {
    }

    @Serdeable
    record RoleRequest(@Nullable String name, @Nullable String role) {
    }

    @Get("/passwords")
    @Operation(operationId = "listPasswords", summary = "List passwords")
    DataList<PasswordResponse> list(Caller caller, String organization, String database, String branch, @Nullable @QueryValue Integer page,
                                    @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(logins.listPasswords(caller, organization, database, branch, Paging.planetscale(page, perPage)).items()
                .stream().map(PasswordResponse::of).toList());
    }

    @Post("/passwords")
    @Operation(operationId = "createPassword", summary = "Create a password")
    HttpResponse<PasswordWithPlaintext> create(Caller caller, String organization, String database, String branch,
                                               @Nullable @Body PasswordRequest body) {
        PasswordRequest b = body == null ? new PasswordRequest(null, null, null) : body;
        return HttpResponse.created(PasswordWithPlaintext.of(logins.createPassword(caller, organization, database, branch, b.name(), b.role(),
                b.ttl())));
    }

    @Get("/passwords/{password_id}")
    @Operation(operationId = "getPassword", summary = "Get a password")
    PasswordResponse get(Caller caller, String organization, String database, String branch, String password_id) {
        return PasswordResponse.of(logins.getPassword(caller, organization, database, branch, password_id));
    }

    @Delete("/passwords/{password_id}")
    @Operation(operationId = "deletePassword", summary = "Delete a password")
    HttpResponse<Void> delete(Caller caller, String organization, String database, String branch, String password_id) {
        logins.deletePassword(caller, organization, database, branch, password_id);
        return HttpResponse.noContent();
    }

    @Post("/passwords/{password_id}/renew")
    @Operation(operationId = "renewPassword", summary = "Renew a password")
    PasswordResponse renew(Caller caller, String organization, String database, String branch, String password_id) {
        return PasswordResponse.of(logins.renewPassword(caller, organization, database, branch, password_id));
    }

    @Post("/roles")
    @Operation(operationId = "createRole", summary = "Create role credentials")
    HttpResponse<RoleCredentials> createRole(Caller caller, String organization, String database, String branch,
                                             @Nullable @Body RoleRequest body) {
        RoleRequest b = body == null ? new RoleRequest(null, null) : body;
        return HttpResponse.created(RoleCredentials.of(logins.createRole(caller, organization, database, branch, b.name(), b.role())));
    }
}
