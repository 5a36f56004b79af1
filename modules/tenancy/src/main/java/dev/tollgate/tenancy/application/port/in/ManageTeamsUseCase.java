package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Team;

public interface ManageTeamsUseCase {

    Page<TeamView> list(Caller caller, String organizationSlug, PageRequest page);

    TeamView create(Caller caller, String organizationSlug, String name, String description);

    TeamView get(Caller caller, String organizationSlug, String teamSlug);

    TeamView update(Caller caller, String organizationSlug, String teamSlug, String name, String description);

    void delete(Caller caller, String organizationSlug, String teamSlug);

    record TeamView(Team team, int membersCount) {
    }
}
