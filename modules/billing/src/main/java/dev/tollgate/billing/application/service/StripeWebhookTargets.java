package dev.tollgate.billing.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The installed Stripe app a webhook names and the secret its signature is checked with, kept for a few seconds: a
 * Stripe account sends its events in bursts (an invoice run's {@code invoice.*}), and reading the app and opening its
 * sealed secret for each was half the route's database time (bench/stripe). ADR 0027's policy: bounded (an entry per
 * installed Stripe app), {@code expireAfterWrite} for a copy of data others change — an app uninstalled on another node
 * is still answered for at most {@link #FRESHNESS}; on this node {@link #forget} drops it at once. Unknown or
 * uninstalled apps are not remembered: an app installed a moment ago is found at once. The platform's app (ADR 0042),
 * which Centrali's route finds by namespace rather than by id, is kept the same way under {@link #PLATFORM}, so its
 * events cost no lookup of the app either.
 */
@Singleton
class StripeWebhookTargets {
    static final Duration FRESHNESS = Duration.ofSeconds(5);
    /** The key of the platform app's target: no app has the nil id. */
    private static final UUID PLATFORM = new UUID(0, 0);
    private final AppStore apps;
    private final StripeConnections connections;
    private final Cache<UUID, Target> targets = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(FRESHNESS).build();

    StripeWebhookTargets(AppStore apps, StripeConnections connections) {
        this.apps = apps;
        this.connections = connections;
    }

    record Target(App app, String webhookSecret) {
    }

    Optional<Target> of(UUID appId) {
        Target known = targets.getIfPresent(appId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Target> found = apps.findInAnyNamespace(appId).filter(a -> a.installed() && a.type() == AppType.STRIPE)
                .map(app -> new Target(app, connections.webhookSecret(app.id())));
        found.ifPresent(target -> targets.put(appId, target));
        return found;
    }

    /** The platform app's target: {@code installed} (a query) asked only when none is kept. */
    Optional<Target> platform(Supplier<Optional<App>> installed) {
        Target known = targets.getIfPresent(PLATFORM);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Target> found = installed.get().flatMap(app -> of(app.id()));
        found.ifPresent(target -> targets.put(PLATFORM, target));
        return found;
    }

    /** The app was uninstalled (or its secret replaced) here: its webhook is refused from now on, not in a few seconds. */
    void forget(UUID appId) {
        targets.invalidate(appId);
        Target platform = targets.getIfPresent(PLATFORM);
        if (platform != null && platform.app().id().equals(appId)) {
            targets.invalidate(PLATFORM);
        }
    }
}
