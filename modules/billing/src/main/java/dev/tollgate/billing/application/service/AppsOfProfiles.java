package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ProfileWithApps;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.profile.BillingProfile;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Profiles joined with the apps they name; a profile's apps always exist (uninstalling keeps the row). */
@Singleton
class AppsOfProfiles {
    private final AppStore apps;

    AppsOfProfiles(AppStore apps) {
        this.apps = apps;
    }

    ProfileWithApps of(BillingProfile profile) {
        return of(profile, new HashMap<>());
    }

    /** {@code seen} remembers apps across the profiles of one page: most share the same few. */
    ProfileWithApps of(BillingProfile profile, Map<UUID, App> seen) {
        UUID namespace = profile.namespace();
        java.util.function.Function<UUID, App> load = id -> seen.computeIfAbsent(id, key -> apps.find(namespace, key)
                .orElseThrow(() -> new IllegalStateException("billing profile " + profile.id() + " names app " + key + ", which does not exist")));
        return new ProfileWithApps(profile, load.apply(profile.apps().tax()), load.apply(profile.apps().invoicing()),
                load.apply(profile.apps().payment()));
    }
}
