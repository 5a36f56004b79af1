package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.domain.NotificationRule;
import java.util.List;
import java.util.Map;

/** OpenMeter's notification rules of the caller's namespace (ADR 0049). */
public interface ManageNotificationRulesUseCase {
    record ThresholdInput(Double value, String type) {
    }

    /** The create and the full-replace update. */
    record RuleCommand(String type, String name, Boolean disabled, Map<String, String> metadata, List<ThresholdInput> thresholds,
                       List<String> channels, List<String> features) {
    }

    record ListQuery(boolean includeDeleted, boolean includeDisabled, List<String> features, List<String> channels, String orderBy,
                     boolean descending) {
    }

    Page<NotificationRule> list(Caller caller, ListQuery query, PageRequest page);

    NotificationRule create(Caller caller, RuleCommand command);

    /** A rule of the namespace, deleted or not. */
    NotificationRule get(Caller caller, String ruleId);

    NotificationRule update(Caller caller, String ruleId, RuleCommand command);

    void delete(Caller caller, String ruleId);
}
