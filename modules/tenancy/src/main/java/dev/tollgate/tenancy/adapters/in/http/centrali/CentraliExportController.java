package dev.tollgate.tenancy.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase;
import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase.ExportView;
import dev.tollgate.tenancy.domain.ExportJob;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Centrali's workspace data exports (admins): request one (202), follow the latest or one by id, and download the
 * archive through the signed link a completed job shows. The download route takes no bearer token: the link's
 * signature and expiry are its credential, as a storage service's pre-signed URL's are.
 */
@Controller("/workspace/api/v1/{slug}/export")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: workspaces")
final class CentraliExportController {
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final MediaType ZIP = MediaType.of("application/zip");
    private final ExportWorkspaceUseCase exports;
    private final String publicUrl;

    CentraliExportController(ExportWorkspaceUseCase exports, @Value("${tollgate.public-url:`http://localhost:8080`}") String publicUrl) {
        this.exports = exports;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Serdeable
    record Requested(String jobId, String status, String message) {
    }

    /**
     * An export job. {@code progress} holds the share of resources written and each resource's state and record
     * count; {@code downloadUrl} and {@code downloadExpiresAt} are set while a completed export can be downloaded.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobView(String jobId, String status, Map<String, Object> progress, @Nullable String downloadUrl, @Nullable String downloadExpiresAt,
                   @Nullable String errorMessage, String createdAt) {
    }

    @Post
    @Operation(summary = "Request a full workspace data export")
    HttpResponse<Requested> request(Caller caller, String slug) {
        ExportView requested = exports.request(caller, slug);
        return HttpResponse.accepted().body(new Requested(requested.jobId(), requested.status().wire(),
                "Export of workspace '" + slug + "' queued: follow it with GET export/" + requested.jobId()));
    }

    /**
     * The JSON {@code null} when the workspace has no active or recent export (the document's second alternative). Typed
     * as a job so the generated document describes the answer; the null is written as its JSON bytes.
     */
    @Get
    @Operation(summary = "Get latest active or recently completed export job")
    @SuppressWarnings("unchecked")
    HttpResponse<JobView> latest(Caller caller, String slug) {
        return exports.latest(caller, slug)
                .<HttpResponse<JobView>>map(job -> HttpResponse.ok(view(job)))
                .orElseGet(() -> (HttpResponse<JobView>) (HttpResponse<?>) HttpResponse.ok(JSON_NULL).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Get("/{jobId}")
    @Operation(summary = "Get export job status and download URL")
    JobView get(Caller caller, String slug, String jobId) {
        return view(exports.get(caller, slug, jobId));
    }

    @Get("/{jobId}/download")
    @Operation(summary = "Download a completed export's archive (the signed link from its job)")
    StreamedFile download(String slug, String jobId, @Nullable @QueryValue Long expires, @Nullable @QueryValue String signature) {
        ExportWorkspaceUseCase.Download archive = exports.download(slug, jobId, expires == null ? 0 : expires, signature);
        return new StreamedFile(new ChunkedInputStream(archive.chunks(), archive.chunk()), ZIP).attach(archive.fileName());
    }

    private JobView view(ExportView v) {
        ExportJob job = v.job();
        Map<String, Object> progress = new LinkedHashMap<>();
        boolean finished = v.status() == ExportJob.Status.COMPLETED || v.status() == ExportJob.Status.EXPIRED;
        progress.put("percent", finished ? 100 : job.percentDone());
        progress.put("resourcesTotal", job.progress().size());
        progress.put("resourcesDone", job.progress().stream().filter(p -> p.state().equals(ExportJob.ResourceProgress.DONE)).count());
        Map<String, Object> resources = new LinkedHashMap<>();
        job.progress().forEach(p -> resources.put(p.resource(), Map.of("state", p.state(), "records", p.records())));
        progress.put("resources", resources);
        return new JobView(v.jobId(), v.status().wire(), progress, v.downloadPath() == null ? null : publicUrl + v.downloadPath(),
                v.downloadExpiresAt() == null ? null : v.downloadExpiresAt().toString(), job.errorMessage(), job.createdAt().toString());
    }
}
