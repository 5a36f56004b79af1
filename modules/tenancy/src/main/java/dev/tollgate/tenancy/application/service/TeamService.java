package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageTeamsUseCase;
import dev.tollgate.tenancy.application.port.out.TeamStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.Team;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
class TeamService implements ManageTeamsUseCase {
    private final OrganizationAccess access;
    private final TeamStore teams;
    private final Clock clock;

    private final AuditTrail audit;

    TeamService(OrganizationAccess access, TeamStore teams, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.teams = teams;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<TeamView> list(Caller caller, String organizationSlug, PageRequest page) {
        Organization organization = access.require(caller, organizationSlug, Permission.READ_TEAMS);
        return teams.list(organization.id(), page).map(this::view);
    }

    @Override
    @Transactional
    public TeamView create(Caller caller, String organizationSlug, String name, String description) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_TEAMS);
        Team team = Team.create(organization.id(), name, description, clock.instant());
        if (teams.findBySlug(organization.id(), team.slug()).isPresent()) {
            throw new ConflictException("team_exists", "A team named '" + team.slug() + "' already exists in '" + organizationSlug + "'");
        }
        teams.save(team);
        audit.record(caller, organization.id(), AuditTrail.Change.created("team", team.publicId(), "Team '" + team.name() + "' created",
                AuditSnapshots.of(team)));
        return view(team);
    }

    @Override
    @Transactional(readOnly = true)
    public TeamView get(Caller caller, String organizationSlug, String teamSlug) {
        Organization organization = access.require(caller, organizationSlug, Permission.READ_TEAMS);
        return view(find(organization, teamSlug));
    }

    @Override
    @Transactional
    public TeamView update(Caller caller, String organizationSlug, String teamSlug, String name, String description) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_TEAMS);
        Team current = find(organization, teamSlug);
        Team updated = current.update(name, description, clock.instant());
        teams.save(updated);
        if (!AuditSnapshots.of(current).equals(AuditSnapshots.of(updated))) {
            audit.record(caller, organization.id(), AuditTrail.Change.updated("team", updated.publicId(), "Team '" + updated.name() + "' updated",
                    AuditSnapshots.of(current), AuditSnapshots.of(updated)));
        }
        return view(updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String organizationSlug, String teamSlug) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_TEAMS);
        Team team = find(organization, teamSlug);
        teams.delete(team.id());
        audit.record(caller, organization.id(), AuditTrail.Change.deleted("team", team.publicId(), "Team '" + team.name() + "' deleted",
                AuditSnapshots.of(team)));
    }

    private Team find(Organization organization, String teamSlug) {
        return teams.findBySlug(organization.id(), teamSlug).orElseThrow(() -> NotFoundException.of("Team", teamSlug));
    }

    private TeamView view(Team team) {
        return new TeamView(team, teams.countMembers(team.id()));
    }
}
