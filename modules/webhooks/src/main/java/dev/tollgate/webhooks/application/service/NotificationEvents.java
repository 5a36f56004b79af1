package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.webhooks.application.port.in.ManageNotificationEventsUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.application.port.out.NotificationEventStore;
import dev.tollgate.webhooks.application.port.out.NotificationRuleStore;
import dev.tollgate.webhooks.domain.Attempt;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.NotificationEvent;
import dev.tollgate.webhooks.domain.NotificationPayloads;
import dev.tollgate.webhooks.domain.NotificationRule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OpenMeter's notification events (ADR 0049). An event is stored with its payload and handed to the engine as one
 * delivery per live, enabled channel of its rule (source {@code notification:<id>}, {@code webhook-id} the event's
 * ULID on every channel); its delivery status is read back from those deliveries and their attempts.
 */
@Singleton
class NotificationEvents implements ManageNotificationEventsUseCase {
    private final NotificationEventStore events;
    private final NotificationRuleStore rules;
    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    NotificationEvents(NotificationEventStore events, NotificationRuleStore rules, EndpointStore endpoints, DeliveryStore deliveries,
                       TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.events = events;
        this.rules = rules;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<EventView> list(Caller caller, ListQuery q, PageRequest page) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id();
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw new ValidationException("from", "must not be after to");
        }
        Page<NotificationEvent> found = events.search(namespace, new NotificationEventStore.Search(q.from(), q.to(), q.features(), q.subjects(),
                ulids("rule", q.rules()), ulids("channel", q.channels()), q.orderBy(), q.descending()), page);
        return found.map(e -> view(namespace, e));
    }

    @Override
    @Transactional(readOnly = true)
    public EventView get(Caller caller, String eventId) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id();
        return view(namespace, find(namespace, eventId));
    }

    @Override
    @Transactional
    public void resend(Caller caller, String eventId, List<String> channels) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        NotificationEvent event = find(namespace, eventId);
        Set<UUID> chosen = channels == null || channels.isEmpty() ? new LinkedHashSet<>(event.channels())
                : new LinkedHashSet<>(ulids("channels", channels));
        for (UUID channel : chosen) {
            if (!event.channels().contains(channel)) {
                throw new ValidationException("channels", "the event was not sent to channel '" + Ulid.of(channel) + "'");
            }
        }
        Instant now = clock.instant();
        int resent = 0;
        for (Delivery d : deliveries.ofSource(event.source())) {
            Optional<Endpoint> endpoint = Optional.ofNullable(endpoints.byIds(List.of(d.endpointId())).get(d.endpointId()));
            if (endpoint.isPresent() && chosen.contains(endpoint.get().uuid())) {
                deliveries.resendAt(d.id(), now);
                resent++;
            }
        }
        if (resent > 0) {
            audit.record(caller, namespace, new AuditTrail.Change("notification_event", Ulid.of(event.id()), "notification_event.resent",
                    "Notification event " + Ulid.of(event.id()) + " (" + event.type() + ") resent to " + resent + " channel" + (resent == 1 ? "" : "s"), null,
                    AuditTrail.fields("channels", chosen.stream().map(Ulid::of).toList())));
        }
    }

    @Override
    @Transactional
    public EventView test(Caller caller, String ruleId) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        UUID id = Ulid.parse(ruleId).orElseThrow(() -> NotFoundException.of("Notification rule", ruleId));
        NotificationRule rule = rules.find(namespace, id).filter(r -> r.deletedAt() == null)
                .orElseThrow(() -> NotFoundException.of("Notification rule", ruleId));
        NotificationRule.Feature feature = rule.features().isEmpty() ? null : rule.features().get(0);
        String subject = rule.type().startsWith("invoice.") ? null : "test_subject";
        NotificationEvent event = raise(rule, NotificationPayloads.sample(rule, clock.instant(), Ulid::of), feature == null ? null : feature.id(),
                feature == null ? null : feature.key(), subject, null).orElseThrow();
        audit.record(caller, namespace, new AuditTrail.Change("notification_rule", Ulid.of(rule.id()), "notification_rule.tested",
                "Test event sent for notification rule '" + rule.name() + "'", null, AuditTrail.fields("event_id", Ulid.of(event.id()))));
        return view(namespace, event);
    }

    /**
     * Raises an event of {@code rule} with {@code data} in the caller's transaction and queues its deliveries; empty when
     * an event with {@code dedupeKey} (not null) already exists, so a trigger seen twice sends once.
     */
    Optional<NotificationEvent> raise(NotificationRule rule, Map<String, Object> data, UUID featureId, String featureKey, String subjectKey,
                                      String dedupeKey) {
        Instant now = clock.instant();
        UUID id = TypeId.newUuid();
        List<Endpoint> targets = targets(rule);
        NotificationEvent event = new NotificationEvent(id, rule.namespace(), rule.id(), rule.type(),
                NotificationPayloads.payload(Ulid.of(id), rule.type(), now, data), featureId, featureKey, subjectKey,
                targets.stream().map(Endpoint::uuid).toList(), dedupeKey, now);
        if (!events.create(event)) {
            return Optional.empty();
        }
        deliveries.enqueue(targets.stream().map(e -> new NewDelivery(e.id(), Ulid.of(id), event.source(), rule.type(), event.payload(), null))
                .toList());
        return Optional.of(event);
    }

    /** The channels an event of {@code rule} goes to: its live, enabled ones. */
    List<Endpoint> targets(NotificationRule rule) {
        List<Endpoint> targets = new ArrayList<>();
        for (UUID channel : rule.channels()) {
            endpoints.find(rule.namespace(), Audience.OPENMETER, channel).filter(e -> e.deletedAt() == null && e.active()).ifPresent(targets::add);
        }
        return targets;
    }

    private NotificationEvent find(UUID namespace, String eventId) {
        UUID id = Ulid.parse(eventId).orElseThrow(() -> NotFoundException.of("Notification event", eventId));
        return events.find(namespace, id).orElseThrow(() -> NotFoundException.of("Notification event", eventId));
    }

    private EventView view(UUID namespace, NotificationEvent event) {
        NotificationRule rule = rules.find(namespace, event.ruleId()).orElseThrow();
        List<Delivery> sent = deliveries.ofSource(event.source());
        Map<Long, Endpoint> byId = endpoints.byIds(sent.stream().map(Delivery::endpointId).toList());
        Map<Long, List<Attempt>> attempts = deliveries.attempts(sent.stream().map(Delivery::id).toList());
        Map<UUID, ChannelDelivery> perChannel = new HashMap<>();
        for (Delivery d : sent) {
            Endpoint e = byId.get(d.endpointId());
            if (e != null) {
                perChannel.put(e.uuid(), new ChannelDelivery(e.uuid(), d, attempts.getOrDefault(d.id(), List.of())));
            }
        }
        List<ChannelDelivery> ordered = event.channels().stream().map(perChannel::get).filter(java.util.Objects::nonNull).toList();
        return new EventView(event, rule, ordered);
    }

    private static List<UUID> ulids(String field, List<String> values) {
        List<UUID> ids = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                ids.add(Ulid.parse(v).orElseThrow(() -> new ValidationException(field, "'" + v + "' is not a ULID")));
            }
        }
        return ids;
    }
}
