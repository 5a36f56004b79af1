package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DatabaseResponse;
import dev.tollgate.proxy.application.port.in.ManageManagedDatabasesUseCase;
import dev.tollgate.proxy.application.port.in.ManageManagedDatabasesUseCase.CreateDatabaseCommand;
import dev.tollgate.proxy.application.port.in.ManageManagedDatabasesUseCase.UpdateSettingsCommand;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PlanetScale's databases (ADR 0056): managed databases on the data cluster of their region, addressed by name. */
@Controller("/v1/organizations/{organization}/databases")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: databases")
final class DatabasesController {
    private final ManageManagedDatabasesUseCase databases;

    DatabasesController(ManageManagedDatabasesUseCase databases) {
        this.databases = databases;
    }

    @Serdeable
    record CreateRequest(@Nullable String name, @Nullable String plan, @Nullable String cluster_size, @Nullable String region) {
    }

    @Serdeable
    record SettingsRequest(@Nullable String default_branch, @Nullable Boolean production_branch_web_console, @Nullable Boolean insights_enabled,
                           @Nullable String migration_framework, @Nullable String migration_table_name,
                           @Nullable Boolean require_approval_for_deploy, @Nullable Boolean allow_data_branching) {
    }

    @Get
    @Operation(operationId = "listDatabases", summary = "List databases")
    DataList<DatabaseResponse> list(Caller caller, String organization, @Nullable @QueryValue Integer page,
                                    @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(databases.list(caller, organization, Paging.planetscale(page, perPage)).items().stream()
                .map(DatabaseResponse::of).toList());
    }

    @Post
    @Operation(operationId = "createDatabase", summary = "Create a database")
    HttpResponse<DatabaseResponse> create(Caller caller, String organization, @Nullable @Body CreateRequest body) {
        CreateRequest b = body == null ? new CreateRequest(null, null, null, null) : body;
        return HttpResponse.created(DatabaseResponse.of(databases.create(caller, organization,
                new CreateDatabaseCommand(b.name(), b.plan(), b.cluster_size(), b.region()))));
    }

    @Get("/{database}")
    @Operation(operationId = "getDatabase", summary = "Get a database")
    DatabaseResponse get(Caller caller, String organization, String database) {
        return DatabaseResponse.of(databases.get(caller, organization, database));
    }

    @Patch("/{database}")
    @Operation(operationId = "updateDatabaseSettings", summary = "Update database settings")
    DatabaseResponse update(Caller caller, String organization, String database, @Nullable @Body SettingsRequest body) {
        SettingsRequest b = body == null ? new SettingsRequest(null, null, null, null, null, null, null) : body;
        return DatabaseResponse.of(databases.updateSettings(caller, organization, database, new UpdateSettingsCommand(b.default_branch(),
                b.production_branch_web_console(), b.insights_enabled(), b.migration_framework(), b.migration_table_name(),
                b.require_approval_for_deploy(), b.allow_data_branching())));
    }

    @Delete("/{database}")
    @Operation(operationId = "deleteDatabase", summary = "Delete a database")
    HttpResponse<Void> delete(Caller caller, String organization, String database) {
        databases.delete(caller, organization, database);
        return HttpResponse.noContent();
    }
}
