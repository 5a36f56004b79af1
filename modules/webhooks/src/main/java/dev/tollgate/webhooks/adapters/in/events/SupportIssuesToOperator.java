package dev.tollgate.webhooks.adapters.in.events;

import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.tenancy.api.events.SupportIssueFiled;
import dev.tollgate.webhooks.application.port.in.NotifyOperatorUseCase;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace's support issue, new or answered, reaches the operator's notification channels (issue 19): one node
 * queues the deliveries, in the transaction that records the outbox event as handled, so each is queued once.
 */
@Singleton
final class SupportIssuesToOperator implements OutboxConsumer<SupportIssueFiled> {
    static final String FILED = "support_issue.filed";
    static final String COMMENTED = "support_issue.commented";
    private final NotifyOperatorUseCase operator;

    SupportIssuesToOperator(NotifyOperatorUseCase operator) {
        this.operator = operator;
    }

    @Override
    public String name() {
        return "webhooks-support-issues";
    }

    @Override
    public Class<SupportIssueFiled> eventType() {
        return SupportIssueFiled.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, SupportIssueFiled e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workspaceSlug", e.workspaceSlug());
        data.put("issueId", e.issueNumber());
        data.put("summary", e.summary());
        data.put("type", e.type());
        data.put("priority", e.priority());
        data.put("status", e.status());
        data.put("commentId", e.commentId());
        data.put("authorId", e.authorId());
        data.put("excerpt", e.excerpt());
        operator.notifyOperator(eventId, e.commentId() == null ? FILED : COMMENTED, e.occurredAt(), data);
    }
}
