package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.application.port.in.ManageIpRestrictionsUseCase;
import dev.tollgate.proxy.domain.AllowedNetwork;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/** PlanetScale's IP restrictions (ADR 0056): the database's allowed client networks, its project's allowed_cidrs. */
@Controller("/v1/organizations/{organization}/databases/{database}/postgres-cidrs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: IP restrictions")
final class IpRestrictionsController {
    private final ManageIpRestrictionsUseCase restrictions;

    IpRestrictionsController(ManageIpRestrictionsUseCase restrictions) {
        this.restrictions = restrictions;
    }

    @Serdeable
    record RestrictionRequest(@Nullable String cidr, @Nullable String description) {
    }

    @Serdeable
    record RestrictionResponse(String id, String cidr, @Nullable String description, Instant created_at) {
        static RestrictionResponse of(AllowedNetwork n) {
            return new RestrictionResponse(n.publicId(), n.cidr(), n.label(), n.createdAt());
        }
    }

    @Get
    @Operation(operationId = "listIpRestrictions", summary = "List IP restrictions")
    DataList<RestrictionResponse> list(Caller caller, String organization, String database) {
        return new DataList<>(restrictions.list(caller, organization, database).stream().map(RestrictionResponse::of).toList());
    }

    @Post
    @Operation(operationId = "createIpRestriction", summary = "Create an IP restriction entry")
    HttpResponse<RestrictionResponse> create(Caller caller, String organization, String database, @Nullable @Body RestrictionRequest body) {
        RestrictionRequest b = body == null ? new RestrictionRequest(null, null) : body;
        return HttpResponse.created(RestrictionResponse.of(restrictions.create(caller, organization, database, b.cidr(), b.description())));
    }
}
