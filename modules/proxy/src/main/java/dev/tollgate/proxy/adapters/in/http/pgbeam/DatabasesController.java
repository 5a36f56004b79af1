package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamRequests.DatabaseBody;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamViews.DatabaseResponse;
import dev.tollgate.proxy.application.port.in.ManageDatabasesUseCase;
import dev.tollgate.proxy.application.port.in.ManageDatabasesUseCase.UpdateDatabaseCommand;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.context.annotation.Value;
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
import java.util.List;

@Controller("/v1/projects/{project_id}/databases")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: databases")
final class DatabasesController {
    private final ManageDatabasesUseCase databases;
    private final int proxyPort;

    DatabasesController(ManageDatabasesUseCase databases, @Value("${tollgate.proxy.port:6432}") int proxyPort) {
        this.databases = databases;
        this.proxyPort = proxyPort;
    }

    @Serdeable
    record ListDatabasesResponse(List<DatabaseResponse> databases, @Nullable String next_page_token) {
    }

    @Serdeable
    record TestConnectionResult(boolean ok, @Nullable Double latency_ms, @Nullable String server_version, @Nullable String error) {
    }

    @Get
    @Operation(operationId = "ListDatabases", summary = "List databases")
    ListDatabasesResponse list(Caller caller, String project_id, @Nullable @QueryValue("page_size") Integer pageSize,
                               @Nullable @QueryValue("page_token") String pageToken) {
        Page<Database> page = databases.list(caller, project_id, Paging.pgbeam(pageToken, pageSize));
        return new ListDatabasesResponse(page.items().stream().map(this::view).toList(), Paging.nextPageToken(page));
    }

    @Post
    @Operation(operationId = "CreateDatabase", summary = "Register an upstream database")
    HttpResponse<DatabaseResponse> create(Caller caller, String project_id, @Body DatabaseBody body) {
        return HttpResponse.created(view(databases.create(caller, project_id, body.toSpec())));
    }

    @Get("/{database_id}")
    @Operation(operationId = "GetDatabase", summary = "Get a database")
    DatabaseResponse get(Caller caller, String project_id, String database_id) {
        return view(databases.get(caller, project_id, database_id));
    }

    @Patch("/{database_id}")
    @Operation(operationId = "UpdateDatabase", summary = "Update a database (only provided fields change)")
    DatabaseResponse update(Caller caller, String project_id, String database_id, @Body DatabaseBody body) {
        return view(databases.update(caller, project_id, database_id, new UpdateDatabaseCommand(body.host(), body.port(), body.name(),
                body.username(), body.password(), body.ssl_mode(), body.role(),
                body.pool_config() == null ? null : body.pool_config().toDomain(),
                body.cache_config() == null ? null : body.cache_config().toDomain(), body.pool_region(), body.query_timeout_ms(),
                body.auto_read_routing())));
    }

    @Delete("/{database_id}")
    @Operation(operationId = "DeleteDatabase", summary = "Remove a database registration")
    HttpResponse<Void> delete(Caller caller, String project_id, String database_id) {
        databases.delete(caller, project_id, database_id);
        return HttpResponse.noContent();
    }

    @Post("/{database_id}/test-connection")
    @Operation(operationId = "TestDatabaseConnection", summary = "Dial the upstream with the stored credentials")
    TestConnectionResult test(Caller caller, String project_id, String database_id) {
        var result = databases.testConnection(caller, project_id, database_id);
        return new TestConnectionResult(result.ok(), result.latencyMs(), result.serverVersion(), result.error());
    }

    private DatabaseResponse view(Database database) {
        return DatabaseResponse.of(database, databases.projectOf(database), proxyPort);
    }
}
