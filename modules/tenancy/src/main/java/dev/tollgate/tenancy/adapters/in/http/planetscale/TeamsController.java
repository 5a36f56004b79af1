package dev.tollgate.tenancy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.TeamResponse;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageTeamsUseCase;
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

@Controller("/v1/organizations/{organization}/teams")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: teams")
final class TeamsController {
    private final ManageTeamsUseCase teams;

    TeamsController(ManageTeamsUseCase teams) {
        this.teams = teams;
    }

    @Serdeable
    record TeamRequest(@Nullable String name, @Nullable String description) {
    }

    @Get
    @Operation(operationId = "listTeams", summary = "List teams")
    DataList<TeamResponse> list(Caller caller, String organization, @Nullable @QueryValue Integer page,
                                @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(teams.list(caller, organization, Paging.planetscale(page, perPage)).items().stream()
                .map(TeamResponse::of).toList());
    }

    @Post
    @Operation(operationId = "createTeam", summary = "Create a team")
    HttpResponse<TeamResponse> create(Caller caller, String organization, @Body TeamRequest body) {
        return HttpResponse.created(TeamResponse.of(teams.create(caller, organization, body.name(), body.description())));
    }

    @Get("/{team_slug}")
    @Operation(operationId = "getTeam", summary = "Get a team")
    TeamResponse get(Caller caller, String organization, String team_slug) {
        return TeamResponse.of(teams.get(caller, organization, team_slug));
    }

    @Patch("/{team_slug}")
    @Operation(operationId = "updateTeam", summary = "Update a team")
    TeamResponse update(Caller caller, String organization, String team_slug, @Body TeamRequest body) {
        return TeamResponse.of(teams.update(caller, organization, team_slug, body.name(), body.description()));
    }

    @Delete("/{team_slug}")
    @Operation(operationId = "deleteTeam", summary = "Delete a team")
    HttpResponse<Void> delete(Caller caller, String organization, String team_slug) {
        teams.delete(caller, organization, team_slug);
        return HttpResponse.noContent();
    }
}
