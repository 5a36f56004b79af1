package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.application.port.in.ManageBouncersUseCase;
import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.tenancy.api.Caller;
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
import java.time.Instant;

/**
 * PlanetScale's bouncers (ADR 0056): named pools of a branch. {@code pool_mode} (transaction, session, statement) is
 * Tollgate's addition to the request; the document's response has no field for it.
 */
@Controller("/v1/organizations/{organization}/databases/{database}/branches/{branch}/bouncers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: bouncers")
final class BouncersController {
    private final ManageBouncersUseCase bouncers;

    BouncersController(ManageBouncersUseCase bouncers) {
        this.bouncers = bouncers;
    }

    @Serdeable
    record BouncerRequest(@Nullable String name, @Nullable Integer pool_size, @Nullable String pool_mode) {
    }

    /** Ready at once: a bouncer is the proxy's configuration, its pool opens with its first client. */
    @Serdeable
    record BouncerResponse(String id, String name, String state, int pool_size, Instant created_at, Instant updated_at) {
        static BouncerResponse of(Bouncer b) {
            return new BouncerResponse(b.publicId(), b.name(), "ready", b.poolSize(), b.createdAt(), b.updatedAt());
        }
    }

    @Get
    @Operation(operationId = "listBouncers", summary = "List bouncers")
    DataList<BouncerResponse> list(Caller caller, String organization, String database, String branch) {
        return new DataList<>(bouncers.list(caller, organization, database, branch).stream().map(BouncerResponse::of).toList());
    }

    @Post
    @Operation(operationId = "createBouncer", summary = "Create a bouncer")
    HttpResponse<BouncerResponse> create(Caller caller, String organization, String database, String branch,
                                         @Nullable @Body BouncerRequest body) {
        BouncerRequest b = body == null ? new BouncerRequest(null, null, null) : body;
        return HttpResponse.created(BouncerResponse.of(bouncers.create(caller, organization, database, branch, b.name(), b.pool_size(),
                b.pool_mode())));
    }

    @Get("/{bouncer_name}")
    @Operation(operationId = "getBouncer", summary = "Get a bouncer")
    BouncerResponse get(Caller caller, String organization, String database, String branch, String bouncer_name) {
        return BouncerResponse.of(bouncers.get(caller, organization, database, branch, bouncer_name));
    }

    @Delete("/{bouncer_name}")
    @Operation(operationId = "deleteBouncer", summary = "Delete a bouncer")
    HttpResponse<Void> delete(Caller caller, String organization, String database, String branch, String bouncer_name) {
        bouncers.delete(caller, organization, database, branch, bouncer_name);
        return HttpResponse.noContent();
    }
}
