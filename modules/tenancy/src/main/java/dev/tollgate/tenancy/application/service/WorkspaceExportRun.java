package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.tenancy.application.port.out.ExportArchives;
import dev.tollgate.tenancy.application.port.out.ExportArchives.ArchiveWriter;
import dev.tollgate.tenancy.application.port.out.ExportArchives.RecordWriter;
import dev.tollgate.tenancy.application.port.out.ExportJobStore;
import dev.tollgate.tenancy.application.port.out.ExportSettings;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.ExportJob;
import dev.tollgate.tenancy.domain.ExportJob.ResourceProgress;
import dev.tollgate.tenancy.domain.Organization;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one export: claims the job (so one node runs it), then writes each resource in a transaction of its own that
 * also records the resource done, so readers follow the progress as it is made. A failure records the resource and the
 * job failed, with the reason, and drops the partial archive. A job left processing by a node that died is claimed
 * again after {@link #ABANDONED} and written from its start.
 */
@Singleton
class WorkspaceExportRun {
    static final Duration ABANDONED = Duration.ofMinutes(10);
    /** The archive's layout version, in its manifest: a reader can tell what it is reading. */
    static final String FORMAT = "tollgate-workspace-export/1";
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceExportRun.class);
    /** Sorted by section; each resource's name in the job is {@code <section>/<resource>}. */
    private final List<WorkspaceExportSource> sources;
    private final ExportJobStore jobs;
    private final ExportArchives archives;
    private final ExportSettings settings;
    private final OrganizationStore organizations;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    WorkspaceExportRun(List<WorkspaceExportSource> sources, ExportJobStore jobs, ExportArchives archives, ExportSettings settings,
                       OrganizationStore organizations, TransactionOperations<Connection> transactions, Clock clock) {
        this.sources = sources.stream().sorted(Comparator.comparing(WorkspaceExportSource::section)).toList();
        this.jobs = jobs;
        this.archives = archives;
        this.settings = settings;
        this.organizations = organizations;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Every module's resources, as {@code <section>/<resource>}, sections in name order. */
    List<String> resources() {
        List<String> all = new ArrayList<>();
        sources.forEach(source -> source.resources().forEach(resource -> all.add(source.section() + "/" + resource)));
        return List.copyOf(all);
    }

    /** Runs the job if this node can claim it; returns whether it ran. */
    boolean run(UUID jobId) {
        Optional<ExportJob> claimed = transactions.executeWrite(status ->
                jobs.claim(jobId, clock.instant().minus(ABANDONED), clock.instant()));
        if (claimed.isEmpty()) {
            return false;
        }
        ExportJob job = claimed.get();
        Optional<Organization> workspace = transactions.executeRead(status -> organizations.findById(job.organizationId()));
        if (workspace.isEmpty()) {
            save(job.failed("the workspace was deleted", clock.instant()));
            return true;
        }
        String current = null;
        ExportJob progress = job;
        try (ArchiveWriter archive = transactions.executeWrite(status -> archives.create(job.id()))) {
            for (ResourceProgress resource : job.progress()) {
                current = resource.resource();
                progress = save(progress.resource(current, ResourceProgress.WRITING, 0, clock.instant()));
                progress = write(archive, workspace.get(), progress, current);
            }
            ExportJob written = progress;
            transactions.executeWrite(status -> {
                long bytes = archive.finish(manifest(workspace.get(), written));
                jobs.save(written.completed(bytes, settings.linkLifetime(), clock.instant()));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Export {} of {} failed at {}: {}", WorkspaceExportService.publicId(job.id()), workspace.get().publicId(), current,
                    e.toString());
            ExportJob failed = (current == null ? progress : progress.resource(current, ResourceProgress.FAILED, 0, clock.instant()))
                    .failed(reason(current, e), clock.instant());
            transactions.executeWrite(status -> {
                archives.remove(job.id());
                jobs.save(failed);
                return null;
            });
        }
        return true;
    }

    /** Writes one resource's records and records it done, in one transaction. */
    private ExportJob write(ArchiveWriter archive, Organization workspace, ExportJob progress, String resource) {
        return transactions.executeWrite(status -> {
            RecordWriter records = archive.resource(resource);
            int slash = resource.indexOf('/');
            WorkspaceExportSource source = sources.stream().filter(s -> s.section().equals(resource.substring(0, slash))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no module exports " + resource + " any more"));
            source.write(workspace.id(), resource.substring(slash + 1), records::write);
            ExportJob done = progress.resource(resource, ResourceProgress.DONE, records.count(), clock.instant());
            jobs.save(done);
            return done;
        });
    }

    /** What the archive holds: which workspace, when, and each resource's document with its number of records. */
    private Map<String, Object> manifest(Organization workspace, ExportJob job) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("exportId", WorkspaceExportService.publicId(job.id()));
        manifest.put("workspaceId", workspace.publicId());
        manifest.put("workspaceSlug", workspace.slug().value());
        manifest.put("requestedAt", job.createdAt());
        manifest.put("completedAt", clock.instant());
        manifest.put("resources", job.progress().stream().map(p -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("resource", p.resource());
            one.put("file", p.resource() + ".json");
            one.put("records", p.records());
            return one;
        }).toList());
        return manifest;
    }

    private ExportJob save(ExportJob job) {
        transactions.executeWrite(status -> {
            jobs.save(job);
            return null;
        });
        return job;
    }

    /** What the job's reader is told: which resource, and the failure's own message (never a stack trace). */
    private static String reason(String resource, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return resource == null ? "Export failed: " + message : "Export failed while writing " + resource + ": " + message;
    }
}
