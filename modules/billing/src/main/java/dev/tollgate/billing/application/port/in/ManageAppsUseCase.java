package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;

/** The namespace's installed apps. Uninstalled apps and ids that are not ULIDs are not found. */
public interface ManageAppsUseCase {
    Page<App> list(Caller caller, PageRequest page);

    App get(Caller caller, String id);

    /** OpenMeter's AppReplaceUpdate: the type must be the app's own. */
    App update(Caller caller, String id, App.Change change);

    /** Refused ({@code app_in_use}) while a live billing profile uses the app, the default profile's sandbox included. */
    void uninstall(Caller caller, String id);
}
