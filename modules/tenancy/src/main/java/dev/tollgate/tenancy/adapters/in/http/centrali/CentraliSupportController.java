package dev.tollgate.tenancy.adapters.in.http.centrali;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OptionalBody;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.CommentPageView;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.CommentRequest;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.CommentView;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.EditCommentRequest;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.FileRequest;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.IssueView;
import dev.tollgate.tenancy.adapters.in.http.centrali.SupportViews.UpdateRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase.CommentCommand;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase.FileIssueCommand;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase.UpdateIssueCommand;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Centrali's support issues: filed by a workspace's members for the operator (who is told through the webhook engine),
 * listed page by page (newest first; the total in {@code X-Total-Count}), and discussed in comments paged by cursor.
 */
@Controller("/workspace/api/v1/{slug}/support-issues")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: support")
final class CentraliSupportController {
    private static final int DEFAULT_COMMENT_LIMIT = 20;
    private final ManageSupportIssuesUseCase support;

    CentraliSupportController(ManageSupportIssuesUseCase support) {
        this.support = support;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a support issue")
    IssueView file(Caller caller, String slug, @Body FileRequest body) {
        return IssueView.of(support.file(caller, slug, new FileIssueCommand(body.title(), body.description(), body.type(), body.priority(),
                body.category())));
    }

    @Get
    @Operation(summary = "List support issues")
    HttpResponse<List<IssueView>> list(Caller caller, String slug, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer limit,
                                       @Nullable @QueryValue String status) {
        var found = support.list(caller, slug, status, Paging.centrali(page, limit));
        return HttpResponse.ok(found.items().stream().map(IssueView::of).toList()).header("X-Total-Count", Long.toString(found.total()));
    }

    @Get("/{id}")
    @Operation(summary = "Get a support issue by ID")
    IssueView get(Caller caller, String slug, String id) {
        return IssueView.of(support.get(caller, slug, id));
    }

    @Put("/{id}")
    @Operation(summary = "Update a support issue")
    IssueView update(Caller caller, String slug, String id, HttpRequest<?> request, @Nullable @Body UpdateRequest body) {
        UpdateRequest changes = OptionalBody.orElse(request, body, new UpdateRequest(null, null, null, null));
        return IssueView.of(support.update(caller, slug, id, new UpdateIssueCommand(changes.title(), changes.description(), changes.status(),
                changes.priority())));
    }

    @Get("/{id}/comments")
    @Operation(summary = "List comments on a support issue")
    CommentPageView comments(Caller caller, String slug, String id, @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int size = limit == null ? DEFAULT_COMMENT_LIMIT : limit;
        if (size < 1 || size > ManageSupportIssuesUseCase.MAX_COMMENT_PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + ManageSupportIssuesUseCase.MAX_COMMENT_PAGE);
        }
        return CommentPageView.of(support.comments(caller, slug, id, cursor == null || cursor.isBlank() ? null : cursor, size));
    }

    /** The document answers a new comment with 200, not 201. */
    @Post("/{id}/comments")
    @Operation(summary = "Add a comment to a support issue")
    CommentView comment(Caller caller, String slug, String id, @Body CommentRequest body) {
        var comment = support.comment(caller, slug, id, new CommentCommand(body.comment(), body.type(), body.displayName()));
        return CommentView.of(comment, Integer.parseInt(id));
    }

    @Get("/{id}/comments/{commentId}")
    @Operation(summary = "Get a specific comment")
    CommentView getComment(Caller caller, String slug, String id, String commentId) {
        return CommentView.of(support.getComment(caller, slug, id, commentId), Integer.parseInt(id));
    }

    @Put("/{id}/comments/{commentId}")
    @Operation(summary = "Update a comment")
    CommentView editComment(Caller caller, String slug, String id, String commentId, HttpRequest<?> request,
                            @Nullable @Body EditCommentRequest body) {
        EditCommentRequest edit = OptionalBody.orElse(request, body, new EditCommentRequest(null));
        return CommentView.of(support.editComment(caller, slug, id, commentId, edit.comment()), Integer.parseInt(id));
    }

    @Delete("/{id}/comments/{commentId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a comment")
    void deleteComment(Caller caller, String slug, String id, String commentId) {
        support.deleteComment(caller, slug, id, commentId);
    }
}
