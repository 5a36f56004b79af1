package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.Optional;
import java.util.UUID;

public interface AppStore {
    /** Inserts or updates. */
    void save(App app);

    /** The app, installed or uninstalled (profiles and invoices keep naming the apps they used). */
    Optional<App> find(UUID namespace, UUID id);

    /** The app by id whatever its namespace: Stripe's webhook names only the app, and the app names its namespace. */
    Optional<App> findInAnyNamespace(UUID id);

    /** The oldest installed app of the type: the one a customer's data is for when the request names no app. */
    Optional<App> firstInstalled(UUID namespace, AppType type);

    /** Installed apps, oldest first. */
    Page<App> listInstalled(UUID namespace, PageRequest page);
}
