package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.domain.Attempt;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.NotificationEvent;
import dev.tollgate.webhooks.domain.NotificationRule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** OpenMeter's notification events (ADR 0049): list, get, resend, and a rule's test event. */
public interface ManageNotificationEventsUseCase {
    /** How the event went to one channel: the engine's delivery of it there and its attempts. */
    record ChannelDelivery(UUID channelId, Delivery delivery, List<Attempt> attempts) {
    }

    /** An event as OpenMeter shows it: with its rule (deleted or not) and its deliveries per channel. */
    record EventView(NotificationEvent event, NotificationRule rule, List<ChannelDelivery> deliveries) {
    }

    record ListQuery(Instant from, Instant to, List<String> features, List<String> subjects, List<String> rules, List<String> channels,
                     String orderBy, boolean descending) {
    }

    Page<EventView> list(Caller caller, ListQuery query, PageRequest page);

    EventView get(Caller caller, String eventId);

    /** Sends the event again to {@code channels} (all its channels when null or empty); the worker sends them. */
    void resend(Caller caller, String eventId, List<String> channels);

    /** Raises an event of the rule's type with sample data, sent to the rule's channels now. */
    EventView test(Caller caller, String ruleId);
}
