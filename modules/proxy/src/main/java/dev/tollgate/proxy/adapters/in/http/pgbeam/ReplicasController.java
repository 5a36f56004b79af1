package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamRequests.CreateReplicaBody;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamViews.ReplicaResponse;
import dev.tollgate.proxy.application.port.in.ManageReplicasUseCase;
import dev.tollgate.tenancy.api.Caller;
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
import java.util.List;

@Controller("/v1/databases/{database_id}/replicas")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: replicas")
final class ReplicasController {
    private final ManageReplicasUseCase replicas;

    ReplicasController(ManageReplicasUseCase replicas) {
        this.replicas = replicas;
    }

    /** Not paginated (the operation declares no page parameters); next_page_token is therefore never set. */
    @Serdeable
    record ListReplicasResponse(List<ReplicaResponse> replicas) {
    }

    @Get
    @Operation(operationId = "ListReplicas", summary = "List replicas")
    ListReplicasResponse list(Caller caller, String database_id) {
        return new ListReplicasResponse(replicas.list(caller, database_id).stream().map(ReplicaResponse::of).toList());
    }

    @Post
    @Operation(operationId = "CreateReplica", summary = "Register a read replica")
    HttpResponse<ReplicaResponse> create(Caller caller, String database_id, @Body CreateReplicaBody body) {
        return HttpResponse.created(ReplicaResponse.of(replicas.create(caller, database_id, body.host(), body.port(), body.ssl_mode())));
    }

    @Delete("/{replica_id}")
    @Operation(operationId = "DeleteReplica", summary = "Remove a read replica")
    HttpResponse<Void> delete(Caller caller, String database_id, String replica_id) {
        replicas.delete(caller, database_id, replica_id);
        return HttpResponse.noContent();
    }
}
