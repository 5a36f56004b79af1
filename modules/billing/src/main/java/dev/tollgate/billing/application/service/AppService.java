package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageAppsUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Singleton
class AppService implements ManageAppsUseCase {
    private final BillingSetup setup;
    private final AppStore apps;
    private final ProfileStore profiles;
    private final StripeConnections stripe;
    private final StripeWebhookTargets webhookTargets;
    private final Clock clock;

    private final AuditTrail audit;

    AppService(BillingSetup setup, AppStore apps, ProfileStore profiles, StripeConnections stripe, StripeWebhookTargets webhookTargets, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.apps = apps;
        this.profiles = profiles;
        this.stripe = stripe;
        this.webhookTargets = webhookTargets;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Page<App> list(Caller caller, PageRequest page) {
        return apps.listInstalled(setup.reading(caller), page);
    }

    @Override
    @Transactional
    public App get(Caller caller, String id) {
        return installed(setup.reading(caller), id);
    }

    @Override
    @Transactional
    public App update(Caller caller, String id, App.Change change) {
        UUID namespace = setup.writing(caller);
        App current = installed(namespace, id);
        App updated = current.replace(change, clock.instant());
        apps.save(updated);
        var before = AuditSnapshots.of(current);
        var after = AuditSnapshots.of(updated);
        if (!before.equals(after)) {
            audit.record(caller, namespace, AuditTrail.Change.updated("app", Ulid.of(updated.id()), "App '" + updated.name() + "' updated", before, after));
        }
        return updated;
    }

    /**
     * A profile's apps never change, so an app a live profile uses cannot go: invoices made under that profile would
     * have nobody to issue or collect them. The default profile's sandbox is no exception.
     */
    @Override
    @Transactional
    public void uninstall(Caller caller, String id) {
        UUID namespace = setup.writing(caller);
        App app = installed(namespace, id);
        long using = profiles.countLiveUsing(namespace, app.id());
        if (using > 0) {
            throw new ValidationException("app_in_use", List.of(new FieldError("id", "app '" + id + "' is used by " + using + " live billing "
                    + (using == 1 ? "profile" : "profiles") + "; delete those profiles (a default one after making another profile the default) "
                    + "before uninstalling it", "app_in_use")));
        }
        apps.save(app.uninstalled(clock.instant()));
        audit.record(caller, namespace, new AuditTrail.Change("app", Ulid.of(app.id()), "app.uninstalled", "App '" + app.name() + "' ("
                + app.type().wire() + ") uninstalled", AuditSnapshots.of(app), null));
        if (app.type() == AppType.STRIPE) {
            stripe.disconnect(app.id()); // Stripe stops sending; the webhook route answers 404 for it from now on
            webhookTargets.forget(app.id());
        }
    }

    private App installed(UUID namespace, String id) {
        return Ulid.parse(id).flatMap(uuid -> apps.find(namespace, uuid)).filter(App::installed)
                .orElseThrow(() -> NotFoundException.of("App", id));
    }
}
