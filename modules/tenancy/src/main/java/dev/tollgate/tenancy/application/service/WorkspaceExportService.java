package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase;
import dev.tollgate.tenancy.application.port.out.DownloadSigner;
import dev.tollgate.tenancy.application.port.out.ExportArchives;
import dev.tollgate.tenancy.application.port.out.ExportJobStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.ExportJob;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests, shows and serves workspace exports; {@link WorkspaceExportRun} writes them. A request is refused while
 * another export of the workspace is pending or processing (the store's unique index decides a race). The download
 * link is signed over the job and its expiry, so it works without a bearer token (as a storage service's pre-signed
 * link does) and only until the expiry it carries.
 */
@Singleton
class WorkspaceExportService implements ExportWorkspaceUseCase {
    /** How long a finished job stays the "recently completed" one {@code GET export} shows. */
    static final Duration RECENT = Duration.ofDays(7);
    static final String JOB_ID_PREFIX = "exp";
    private final ExportJobStore jobs;
    private final ExportArchives archives;
    private final WorkspaceExportRun runs;
    private final DownloadSigner signer;
    private final OrganizationStore organizations;
    private final WorkspaceService workspaces;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    WorkspaceExportService(ExportJobStore jobs, ExportArchives archives, WorkspaceExportRun runs, DownloadSigner signer,
                           OrganizationStore organizations, WorkspaceService workspaces, OrganizationAccess access,
                           AuditTrail audit, TransactionOperations<Connection> transactions, Clock clock) {
        this.jobs = jobs;
        this.archives = archives;
        this.runs = runs;
        this.signer = signer;
        this.organizations = organizations;
        this.workspaces = workspaces;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ExportView request(Caller caller, String slug) {
        return transactions.executeWrite(status -> {
            Organization workspace = admin(caller, slug);
            Instant now = clock.instant();
            ExportJob job = ExportJob.requested(TypeId.newUuid(), workspace.id(), AuditActors.idOf(caller), runs.resources(), now);
            if (!jobs.addIfNoneActive(job)) {
                throw new ConflictException("export_in_progress",
                        "An export of workspace '" + slug + "' is already pending or processing: wait for it to finish (GET export shows it)");
            }
            audit.record(caller, workspace.id(), AuditTrail.Change.created("export", publicId(job.id()),
                    "Workspace data export requested", AuditTrail.fields("resources", runs.resources())));
            return view(workspace, job, now);
        });
    }

    @Override
    public Optional<ExportView> latest(Caller caller, String slug) {
        return transactions.executeRead(status -> {
            Organization workspace = admin(caller, slug);
            Instant now = clock.instant();
            return jobs.latest(workspace.id(), now.minus(RECENT)).map(job -> view(workspace, job, now));
        });
    }

    @Override
    public ExportView get(Caller caller, String slug, String jobId) {
        return transactions.executeRead(status -> {
            Organization workspace = admin(caller, slug);
            return jobs.find(workspace.id(), parse(jobId).orElseThrow(() -> notFound(jobId)))
                    .map(job -> view(workspace, job, clock.instant()))
                    .orElseThrow(() -> notFound(jobId));
        });
    }

    @Override
    public int runDue(int limit) {
        List<UUID> due = transactions.executeRead(status -> jobs.due(clock.instant().minus(WorkspaceExportRun.ABANDONED), limit));
        int ran = 0;
        for (UUID id : due) {
            ran += runs.run(id) ? 1 : 0;
        }
        return ran;
    }

    @Override
    public int removeExpiredArchives(int limit) {
        List<UUID> expired = transactions.executeRead(status -> jobs.expiredWithArchive(clock.instant(), limit));
        for (UUID id : expired) {
            transactions.executeWrite(status -> {
                archives.remove(id);
                jobs.archiveRemoved(id);
                return null;
            });
        }
        return expired.size();
    }

    @Override
    public Download download(String slug, String jobId, long expiresEpochSecond, String signature) {
        Instant now = clock.instant();
        if (signature == null || !signer.verify(signed(jobId, expiresEpochSecond), signature) || now.getEpochSecond() >= expiresEpochSecond) {
            throw linkNotFound();
        }
        UUID id = parse(jobId).orElseThrow(WorkspaceExportService::linkNotFound);
        return transactions.executeRead(status -> {
            Organization workspace = organizations.findBySlug(slug).orElseThrow(WorkspaceExportService::linkNotFound);
            ExportJob job = jobs.find(workspace.id(), id).filter(j -> j.downloadableAt(now))
                    .filter(j -> j.downloadExpiresAt().getEpochSecond() == expiresEpochSecond)
                    .orElseThrow(WorkspaceExportService::linkNotFound);
            String day = job.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            return new Download(slug + "-export-" + day + ".zip", job.archiveBytes(), archives.chunks(id),
                    sequence -> transactions.executeRead(s -> archives.chunk(id, sequence)));
        });
    }

    private Organization admin(Caller caller, String slug) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        access.require(caller, workspace, Permission.EXPORT_DATA);
        return workspace;
    }

    private ExportView view(Organization workspace, ExportJob job, Instant now) {
        String jobId = publicId(job.id());
        if (!job.downloadableAt(now)) {
            return new ExportView(job, jobId, job.statusAt(now), null, null);
        }
        long expires = job.downloadExpiresAt().getEpochSecond();
        String path = "/workspace/api/v1/" + workspace.slug().value() + "/export/" + jobId + "/download?expires=" + expires
                + "&signature=" + signer.sign(signed(jobId, expires));
        return new ExportView(job, jobId, job.statusAt(now), path, job.downloadExpiresAt());
    }

    /** What a link's signature covers: the job and the link's expiry (so neither can be changed). */
    private static String signed(String jobId, long expiresEpochSecond) {
        return "workspace-export:" + jobId + ":" + expiresEpochSecond;
    }

    static String publicId(UUID id) {
        return TypeId.format(JOB_ID_PREFIX, id);
    }

    private static Optional<UUID> parse(String jobId) {
        try {
            return Optional.of(TypeId.parse(JOB_ID_PREFIX, jobId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NotFoundException notFound(String jobId) {
        return NotFoundException.of("Export job", jobId);
    }

    private static NotFoundException linkNotFound() {
        return new NotFoundException("This download link is not valid or has expired: request a new export link (GET export)");
    }
}
