package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.application.port.in.ManageBackupsUseCase;
import dev.tollgate.proxy.domain.Backup;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/**
 * PlanetScale's branch backups (ADR 0072): {@code pg_dump} of the branch's database taken by a background worker;
 * {@code createBranch} with {@code backup_id} restores one.
 */
@Controller("/v1/organizations/{organization}/databases/{database}/branches/{branch}/backups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: backups")
final class BackupsController {
    private final ManageBackupsUseCase backups;

    BackupsController(ManageBackupsUseCase backups) {
        this.backups = backups;
    }

    /** The document marks nothing nullable: {@code completed_at} is left out until the backup completes. */
    @Serdeable
    record BackupResponse(String id, String name, String state, long size, Instant created_at, Instant updated_at,
                          @Nullable Instant completed_at, Instant expires_at) {
        static BackupResponse of(Backup b) {
            return new BackupResponse(b.publicId(), b.name(), b.state().wire(), b.sizeBytes(), b.createdAt(), b.updatedAt(), b.completedAt(),
                    b.expiresAt());
        }
    }

    @Get
    @Operation(operationId = "listBackups", summary = "List backups")
    DataList<BackupResponse> list(Caller caller, String organization, String database, String branch, @Nullable @QueryValue Integer page,
                                  @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(backups.list(caller, organization, database, branch, Paging.planetscale(page, perPage)).items().stream()
                .map(BackupResponse::of).toList());
    }

    /** No body: whatever a client sends (or declares) is not read. */
    @Post
    @Operation(operationId = "createBackup", summary = "Create a backup")
    HttpResponse<BackupResponse> create(Caller caller, String organization, String database, String branch) {
        return HttpResponse.created(BackupResponse.of(backups.create(caller, organization, database, branch)));
    }

    @Get("/{backup_id}")
    @Operation(operationId = "getBackup", summary = "Get a backup")
    BackupResponse get(Caller caller, String organization, String database, String branch, String backup_id) {
        return BackupResponse.of(backups.get(caller, organization, database, branch, backup_id));
    }

    @Delete("/{backup_id}")
    @Operation(operationId = "deleteBackup", summary = "Delete a backup")
    HttpResponse<Void> delete(Caller caller, String organization, String database, String branch, String backup_id) {
        backups.delete(caller, organization, database, branch, backup_id);
        return HttpResponse.noContent();
    }
}
