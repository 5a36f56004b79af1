package dev.tollgate.tenancy.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase.SignUpCommand;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.LastWorkspace;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.UpdateWorkspaceCommand;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Secrets;
import dev.tollgate.platform.http.OptionalBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Centrali's workspace lifecycle: create (with its owner), read, update, soft delete and restore. Centrali documents 403
 * for a workspace the caller is no member of, so an existing workspace is forbidden to strangers (not hidden), and a
 * user may delete their only workspace (the grace period and restore protect it).
 */
@Controller("/workspace/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: workspaces")
final class CentraliWorkspaceController {
    private final ManageWorkspacesUseCase workspaces;
    private final AuthenticateUseCase authentication;

    CentraliWorkspaceController(ManageWorkspacesUseCase workspaces, AuthenticateUseCase authentication) {
        this.workspaces = workspaces;
        this.authentication = authentication;
    }

    @Serdeable
    record CreateRequest(@Nullable String name, @Nullable String email, @Nullable String username, @Nullable String password,
                         @Nullable String passwordConfirmation, @Nullable String description) {
    }

    @Serdeable
    record CreatedWorkspace(String id, String slug, String name, String status, String plan, String created_at) {
    }

    @Serdeable
    record CreateResponse(CreatedWorkspace workspace, String auth_token, String user_id) {
    }

    @Serdeable
    record UpdateRequest(@Nullable String name, @Nullable String description) {
    }

    /** The workspace's {@code description} is written even when it has none. */
    @Serdeable
    record WorkspaceDetails(String id, String name, String slug, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String description,
                            String owner_id, String plan, String status, String created_at, String updated_at) {
        static WorkspaceDetails of(Organization o) {
            return new WorkspaceDetails(o.id().toString(), o.name(), o.slug().value(), o.description(), o.ownerId().toString(), o.plan(),
                    CentraliWorkspaceController.status(o), o.createdAt().toString(), o.updatedAt().toString());
        }
    }

    @Serdeable
    record DeletionResponse(String message, String workspace_slug, String deleted_at, String restore_deadline, int grace_period_days) {
    }

    @Serdeable
    record RestoreResponse(String message, String workspace_slug, String status) {
    }

    /** Sign-up: the owner account and its first workspace in one step; public, like any sign-up. */
    @Post
    @Operation(summary = "Create a new workspace")
    HttpResponse<CreateResponse> create(@Body CreateRequest body) {
        requirePresent("name", body.name());
        requirePresent("email", body.email());
        requirePresent("username", body.username());
        if (body.passwordConfirmation() != null && !Objects.equals(body.password(), body.passwordConfirmation())) {
            throw new ValidationException("passwordConfirmation", "does not match password");
        }
        // Without a password the owner signs in later through a reset; until then nobody knows this one.
        String password = body.password() != null ? body.password() : Secrets.generate("");
        var signedIn = authentication.signUp(new SignUpCommand(body.email(), password, body.username(), body.name(), null));
        Organization o = signedIn.organization();
        if (body.description() != null) {
            o = workspaces.update(Caller.user(signedIn.user().id(), null), o, UpdateWorkspaceCommand.of(null, body.description()));
        }
        return HttpResponse.created(new CreateResponse(
                new CreatedWorkspace(o.id().toString(), o.slug().value(), o.name(), status(o), o.plan(), o.createdAt().toString()),
                signedIn.accessToken(), signedIn.user().id().toString()));
    }

    /** The document defines this 200 without a body, so the version travels in a header. */
    @Get("/version")
    @Operation(summary = "Service version (in the X-Service-Version header)")
    HttpResponse<Void> version() {
        return HttpResponse.<Void>ok().header("X-Service-Version", "workspace/0.1.0");
    }

    @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "This service's OpenAPI document")
    String openapi() {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/api/centrali-workspace.json")) {
            return new String(Objects.requireNonNull(in, "centrali-workspace.json missing from the jar").readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/{slug}")
    @Operation(summary = "Get workspace details")
    WorkspaceDetails get(Caller caller, String slug) {
        return WorkspaceDetails.of(workspaces.getBySlugForbiddingStrangers(caller, slug));
    }

    @Put("/{slug}")
    @Operation(summary = "Update workspace settings")
    WorkspaceDetails update(Caller caller, String slug, HttpRequest<?> request, @Nullable @Body UpdateRequest body) {
        Organization target = workspaces.getBySlugForbiddingStrangers(caller, slug);
        UpdateRequest changes = OptionalBody.orElse(request, body, new UpdateRequest(null, null));
        return WorkspaceDetails.of(workspaces.update(caller, target, UpdateWorkspaceCommand.of(changes.name(), changes.description())));
    }

    @Delete("/{slug}")
    @Operation(summary = "Delete a workspace (soft delete with grace period)")
    DeletionResponse delete(Caller caller, String slug) {
        return deletion(workspaces.requestDeletion(caller, workspaces.getBySlugForbiddingStrangers(caller, slug), LastWorkspace.DELETABLE));
    }

    @Post("/{slug}/delete")
    @Operation(summary = "Request workspace deletion with 30-day grace period")
    DeletionResponse requestDeletion(Caller caller, String slug) {
        return deletion(workspaces.requestDeletion(caller, workspaces.getBySlugForbiddingStrangers(caller, slug), LastWorkspace.DELETABLE));
    }

    @Post("/{slug}/restore")
    @Operation(summary = "Restore a workspace from pending deletion")
    RestoreResponse restore(Caller caller, String slug) {
        Organization restored = workspaces.restore(caller, slug);
        return new RestoreResponse("Workspace restored", restored.slug().value(), status(restored));
    }

    private static DeletionResponse deletion(Organization o) {
        return new DeletionResponse("Workspace scheduled for deletion", o.slug().value(), o.deletedAt().toString(),
                o.purgeAfter().toString(), (int) Organization.DELETION_GRACE_PERIOD.toDays());
    }

    private static String status(Organization o) {
        return o.active() ? "active" : "suspended";
    }

    private static void requirePresent(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }
}
