package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.SupportComment;
import dev.tollgate.tenancy.domain.SupportIssue;
import java.util.List;

/**
 * A workspace's support issues with the operator (Centrali). Every member may file and discuss them; the reporter or an
 * admin may change an issue; a comment's author may edit it, its author or an admin delete it.
 */
public interface ManageSupportIssuesUseCase {
    int MAX_COMMENT_PAGE = 100;

    Filed file(Caller caller, String slug, FileIssueCommand command);

    Page<Filed> list(Caller caller, String slug, String status, PageRequest page);

    Filed get(Caller caller, String slug, String issueId);

    Filed update(Caller caller, String slug, String issueId, UpdateIssueCommand command);

    CommentPage comments(Caller caller, String slug, String issueId, String cursor, int limit);

    SupportComment comment(Caller caller, String slug, String issueId, CommentCommand command);

    SupportComment getComment(Caller caller, String slug, String issueId, String commentId);

    SupportComment editComment(Caller caller, String slug, String issueId, String commentId, String comment);

    void deleteComment(Caller caller, String slug, String issueId, String commentId);

    record FileIssueCommand(String title, String description, String type, String priority, String category) {
    }

    record UpdateIssueCommand(String title, String description, String status, String priority) {
    }

    record CommentCommand(String comment, String type, String displayName) {
    }

    /** An issue with the slug of its workspace, as Centrali shows it. */
    record Filed(SupportIssue issue, String workspaceSlug) {
    }

    /** {@code nextCursor}: the last comment's id when more follow, else null; {@code issueNumber} the issue's. */
    record CommentPage(int issueNumber, List<SupportComment> comments, String nextCursor, boolean hasMore) {
    }
}
