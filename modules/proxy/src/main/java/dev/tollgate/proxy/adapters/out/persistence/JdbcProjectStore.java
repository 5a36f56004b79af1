package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.domain.AllowedNetwork;
import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProjectStatus;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcProjectStore implements ProjectStore {
    private static final String DELETED = ProjectStatus.DELETED.name();
    private final ProjectRowRepository rows;
    private final CidrEntryRowRepository networks;

    JdbcProjectStore(ProjectRowRepository rows, CidrEntryRowRepository networks) {
        this.rows = rows;
        this.networks = networks;
    }

    @Override
    public void save(Project p) {
        String[] cidrs = p.allowedCidrs().stream()
                .map(c -> c.label() == null ? c.cidr() : c.cidr() + " " + c.label()).toArray(String[]::new);
        ProjectRow row = new ProjectRow(p.id(), p.organizationId(), p.name(), p.description(), p.status().name(), p.cloud(),
                p.proxyHost(), cidrs, p.tags().toArray(String[]::new), p.maxConnections(), p.queriesPerSecond(), p.burstSize(),
                p.createdAt(), p.updatedAt());
        Rows.upsert(rows, p.id(), row);
        // Each allowed network's first-allowed time and id, whichever face changed the list (PlanetScale shows them).
        String[] kept = p.allowedCidrs().stream().map(CidrEntry::cidr).toArray(String[]::new);
        networks.forgetAllBut(p.id(), kept);
        for (String cidr : kept) {
            networks.remember(p.id(), cidr, TypeId.newUuid(), p.updatedAt());
        }
    }

    @Override
    public List<AllowedNetwork> allowedNetworks(Project p) {
        java.util.Map<String, CidrEntryRow> recorded = new java.util.HashMap<>();
        networks.findByProjectId(p.id()).forEach(r -> recorded.put(r.cidr(), r));
        return p.allowedCidrs().stream().filter(c -> recorded.containsKey(c.cidr()))
                .map(c -> new AllowedNetwork(recorded.get(c.cidr()).id(), c.cidr(), c.label(), recorded.get(c.cidr()).createdAt()))
                .sorted(java.util.Comparator.comparing(AllowedNetwork::createdAt).thenComparing(AllowedNetwork::cidr)).toList();
    }

    @Override
    public Optional<Project> findById(UUID id) {
        return rows.findByIdAndStatusNotEqual(id, DELETED).map(JdbcProjectStore::toDomain);
    }

    @Override
    public Optional<Project> findByProxyHost(String proxyHost) {
        return rows.findByProxyHostAndStatusNotEqual(proxyHost.toLowerCase(java.util.Locale.ROOT), DELETED).map(JdbcProjectStore::toDomain);
    }

    @Override
    public Page<Project> list(UUID organizationId, ProjectSort sort, PageRequest page, java.time.Instant activeSince) {
        List<ProjectRow> items = switch (sort) {
            case NAME -> rows.pageByName(organizationId, page.limit(), page.offset());
            case ACTIVE_CONNECTIONS -> rows.pageByActiveConnections(organizationId, activeSince, page.limit(), page.offset());
            case CREATED_AT -> rows.pageByCreation(organizationId, page.limit(), page.offset());
        };
        return new Page<>(items.stream().map(JdbcProjectStore::toDomain).toList(),
                rows.countByOrganizationIdAndStatusNotEqual(organizationId, DELETED), page);
    }

    private static Project toDomain(ProjectRow r) {
        List<CidrEntry> cidrs = Arrays.stream(r.allowedCidrs()).map(text -> {
            int space = text.indexOf(' ');
            return space < 0 ? new CidrEntry(text, null) : new CidrEntry(text.substring(0, space), text.substring(space + 1));
        }).toList();
        return new Project(r.id(), r.organizationId(), r.name(), r.description(), ProjectStatus.valueOf(r.status()), r.cloud(),
                r.proxyHost(), cidrs, List.of(r.tags()), r.maxConnections(), r.queriesPerSecond(), r.burstSize(), r.createdAt(),
                r.updatedAt());
    }
}
