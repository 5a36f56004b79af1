package dev.tollgate.tenancy.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A workspace filed a support issue, or wrote in one ({@code commentId} non-null): what the operator is told (through
 * the webhook engine). {@code excerpt} is the start of the description or comment.
 */
public record SupportIssueFiled(UUID organizationId, String workspaceSlug, int issueNumber, String summary, String type, String priority,
                                String status, String commentId, String authorId, String excerpt, Instant occurredAt) {
}
