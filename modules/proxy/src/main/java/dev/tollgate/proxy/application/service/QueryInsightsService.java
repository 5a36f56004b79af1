package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.GetProjectInsightsUseCase;
import dev.tollgate.proxy.application.port.in.RecordQueryShapesUseCase;
import dev.tollgate.proxy.application.port.out.QueryShapeStore;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.InsightsSelection;
import dev.tollgate.proxy.domain.ProjectInsights;
import dev.tollgate.proxy.domain.ProjectInsights.ShapeTotals;
import dev.tollgate.proxy.domain.ProjectInsights.Totals;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ShapeStats;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** PgBeam's query insights (ADR 0057): written by the data plane's flushes, read by GetProjectInsights. */
@Singleton
class QueryInsightsService implements RecordQueryShapesUseCase, GetProjectInsightsUseCase {
    private final QueryShapeStore shapes;
    private final ProjectLookup lookup;
    private final RegionCatalog regions;
    private final Clock clock;

    QueryInsightsService(QueryShapeStore shapes, ProjectLookup lookup, RegionCatalog regions, Clock clock) {
        this.shapes = shapes;
        this.lookup = lookup;
        this.regions = regions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(List<ShapeStats> counted) {
        if (!counted.isEmpty()) {
            String region = regions.local(); // the data plane counts; its traffic is reported under this node's region
            shapes.add(counted.stream().map(s -> s.inRegion(region)).toList());
        }
    }

    @Override
    @Transactional
    public int prune(Duration keep) {
        return shapes.deleteBefore(clock.instant().minus(keep));
    }

    @Override
    @Transactional(readOnly = true)
    public ProjectInsights insights(Caller caller, String projectId, InsightsSelection selection) {
        Project project = lookup.project(caller, projectId, Capability.READ_PROJECTS);
        // Every period that overlaps the range: up to one period more than asked, never less (ADR 0057).
        var since = ShapeStats.periodOf(clock.instant().minus(selection.range()));
        List<ShapeTotals> top = shapes.mostCalled(project.id(), since, selection.limit());
        Totals all = shapes.totals(project.id(), since);
        return new ProjectInsights(top.stream().map(ShapeTotals::shape).toList(), all.calls(), all.cacheHits(), all.avgMs(), all.p99Ms());
    }
}
