package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.SupportComment;
import dev.tollgate.tenancy.domain.SupportIssue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Support issues and their conversations. */
public interface SupportIssueStore {
    /** The next issue number of the organization, held for the caller's transaction (concurrent filings wait). */
    int nextNumber(UUID organizationId);

    void save(SupportIssue issue);

    Optional<SupportIssue> find(UUID organizationId, int number);

    /** Newest first; {@code status} null for all. */
    Page<SupportIssue> list(UUID organizationId, SupportIssue.Status status, PageRequest page);

    void saveComment(SupportComment comment);

    Optional<SupportComment> findComment(UUID issueId, UUID commentId);

    /** Up to {@code limit} comments of the issue after {@code after} (null: from the first), oldest first. */
    List<SupportComment> comments(UUID issueId, UUID after, int limit);

    void deleteComment(UUID commentId);
}
