package dev.tollgate.tenancy.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase.CommentPage;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase.Filed;
import dev.tollgate.tenancy.domain.SupportComment;
import dev.tollgate.tenancy.domain.SupportIssue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Centrali's support issues and comments, camelCase as the document's 201 shows them; every key written. */
final class SupportViews {
    private SupportViews() {
    }

    @Serdeable
    record FileRequest(@Nullable String title, @Nullable String description, @Nullable String type, @Nullable String priority,
                       @Nullable String category) {
    }

    @Serdeable
    record UpdateRequest(@Nullable String title, @Nullable String description, @Nullable String status, @Nullable String priority) {
    }

    @Serdeable
    record CommentRequest(@Nullable String comment, @Nullable String type, @Nullable String displayName) {
    }

    @Serdeable
    record EditCommentRequest(@Nullable String comment) {
    }

    /** Exactly the document's 201 keys (its schema admits no others): the category is kept for the operator, not echoed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record IssueView(int id, String summary, String description, String type, String priority, String status, String workspaceSlug,
                     String createdBy, @Nullable String assignedTo, String createdAt, String updatedAt) {
        static IssueView of(Filed filed) {
            SupportIssue i = filed.issue();
            return new IssueView(i.number(), i.summary(), i.description(), i.type().wire(), i.priority().wire(), i.status().wire(), filed.workspaceSlug(),
                    i.createdBy(), i.assignedTo(), i.createdAt().toString(), i.updatedAt().toString());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CommentView(String id, int issueId, String comment, String type, @Nullable String displayName, String authorId, String createdAt,
                       String updatedAt) {
        static CommentView of(SupportComment c, int issueNumber) {
            return new CommentView(c.publicId(), issueNumber, c.comment(), c.type(), c.displayName(), c.authorId(), c.createdAt().toString(),
                    c.updatedAt().toString());
        }
    }

    /** The document's cursor page (as its audit log's): the comments, oldest first. */
    @Serdeable
    record CommentPageView(List<CommentView> entries, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor, boolean hasMore) {
        static CommentPageView of(CommentPage page) {
            return new CommentPageView(page.comments().stream().map(c -> CommentView.of(c, page.issueNumber())).toList(), page.nextCursor(),
                    page.hasMore());
        }
    }
}
