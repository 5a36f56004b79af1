package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase;
import dev.tollgate.billing.application.port.out.StripeEventStore;
import dev.tollgate.billing.application.port.out.StripeEventStore.Key;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Stripe's webhook events (ADR 0039). {@link #receive} verifies the signature with the app's secret (300 s tolerance)
 * and stores the event, keyed by app and event id, in the transaction that acknowledges it: a replay finds the row and
 * changes nothing. {@link #processDue} hands the due events to {@link StripeEventProcessor}, one transaction each.
 */
@Singleton
class StripeEventService implements ReceiveStripeEventsUseCase {
    static final long TOLERANCE_SECONDS = 300;
    private final StripeWebhookTargets targets;
    private final StripeConnections connections;
    private final StripeEventStore events;
    private final StripeEventProcessor processor;
    private final Clock clock;
    private final PlatformStripeApp platform;

    StripeEventService(StripeWebhookTargets targets, StripeConnections connections, StripeEventStore events, StripeEventProcessor processor,
                       Clock clock, PlatformStripeApp platform) {
        this.targets = targets;
        this.connections = connections;
        this.events = events;
        this.processor = processor;
        this.clock = clock;
        this.platform = platform;
    }

    @Override
    @Transactional
    public Receipt receive(String appId, String payload, String signatureHeader) {
        StripeWebhookTargets.Target target = Ulid.parse(appId).flatMap(targets::of).orElseThrow(() -> NotFoundException.of("App", appId));
        return store(target, payload, signatureHeader);
    }

    /** Centrali's {@code POST /webhooks/stripe}: the platform app's events, checked and kept exactly as any app's (ADR 0042). */
    @Override
    @Transactional
    public Receipt receivePlatform(String payload, String signatureHeader) {
        StripeWebhookTargets.Target target = targets.platform(platform::installed)
                .orElseThrow(() -> new ConflictException(PlatformStripeApp.NOT_CONFIGURED, "this Tollgate has no Stripe account connected: "
                        + "no event is expected on its Stripe webhook"));
        return store(target, payload, signatureHeader);
    }

    private Receipt store(StripeWebhookTargets.Target target, String payload, String signatureHeader) {
        App app = target.app();
        StripeGateway.Event event;
        try {
            event = connections.gateway().verify(payload, signatureHeader, target.webhookSecret(), TOLERANCE_SECONDS);
        } catch (Refused refused) {
            String code = "Stripe-Signature".equals(refused.param()) ? "stripe_signature_invalid" : "stripe_event_invalid";
            throw new ValidationException(code, List.of(new FieldError(refused.param(), refused.getMessage(), code)));
        }
        Instant now = clock.instant();
        boolean fresh = events.insertIfNew(app.id(), event.id(), app.namespace(), event.type(), payload, now);
        return new Receipt(Ulid.of(app.namespace()), Ulid.of(app.id()), fresh ? "event " + event.id() + " received"
                : "event " + event.id() + " was received before");
    }

    @Override
    public int processDue(Instant now, int limit) {
        List<Key> due = processor.due(now, limit);
        for (Key key : due) {
            try {
                processor.process(key);
            } catch (RuntimeException e) {
                processor.failed(key, e);
            }
        }
        return due.size();
    }

}
