package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.in.GetProjectMetricsUseCase;
import dev.tollgate.proxy.application.port.in.RecordMetricsSnapshotsUseCase;
import dev.tollgate.proxy.application.port.out.MetricsSnapshotStore;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.MetricsSelection;
import dev.tollgate.proxy.domain.MetricsSnapshot;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** PgBeam's metrics snapshots (ADR 0053): written by the data plane's flushes, read by GetProjectMetrics and GetProject. */
@Singleton
class ProjectMetricsService implements RecordMetricsSnapshotsUseCase, GetProjectMetricsUseCase {
    /**
     * How recent a snapshot must be for its active connections to be a project's current ones: a node that stopped
     * reporting (stopped, or lost) holds no connections any more.
     */
    static final Duration CURRENT = Duration.ofMinutes(5);

    private final MetricsSnapshotStore snapshots;
    private final ProjectLookup lookup;
    private final RegionCatalog regions;
    private final Clock clock;

    ProjectMetricsService(MetricsSnapshotStore snapshots, ProjectLookup lookup, RegionCatalog regions, Clock clock) {
        this.snapshots = snapshots;
        this.lookup = lookup;
        this.regions = regions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(List<MetricsSnapshot> counted) {
        if (!counted.isEmpty()) {
            String region = regions.local(); // the data plane counts; its traffic is reported under this node's region
            snapshots.add(counted.stream().map(s -> s.inRegion(region)).toList());
        }
    }

    @Override
    @Transactional
    public int prune(Duration keep) {
        return snapshots.deleteBefore(clock.instant().minus(keep));
    }

    @Override
    @Transactional(readOnly = true)
    public List<MetricsSnapshot> snapshots(Caller caller, String projectId, MetricsSelection selection) {
        Project project = lookup.project(caller, projectId, Capability.READ_PROJECTS);
        if (selection.region() != null && regions.all().stream().noneMatch(r -> r.id().equals(selection.region()))) {
            throw new ValidationException("region", "is not a known region (one of: "
                    + regions.all().stream().map(Region::id).collect(Collectors.joining(", ")) + ")");
        }
        return snapshots.newest(project.id(), selection.region(), selection.limit());
    }

    /** The project's current active connections: its latest snapshot in each region, if recent; 0 without metrics. */
    int activeConnections(UUID projectId) {
        return snapshots.activeConnections(projectId, clock.instant().minus(CURRENT));
    }
}
