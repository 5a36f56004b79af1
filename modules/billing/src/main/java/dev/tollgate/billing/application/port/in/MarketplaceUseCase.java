package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.Listing;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** OpenMeter's marketplace: what can be installed, and installing the apps that need no credentials. */
public interface MarketplaceUseCase {
    /** What an install answers: the app, and the capability types it became the default for (its profile became the default). */
    record Installed(App app, List<String> defaultForCapabilityTypes) {
    }

    Page<Listing> listings(Caller caller, PageRequest page);

    /** Not found for a type that is not an AppType. */
    Listing listing(Caller caller, String type);

    /**
     * Installs sandbox or custom invoicing (Stripe installs with an API key: refused). With {@code createBillingProfile}
     * a profile using the app for tax, invoicing and payment is created with the default profile's supplier; it becomes
     * the default when the current default invoices with a sandbox and the new app is not one.
     */
    Installed install(Caller caller, String type, String name, boolean createBillingProfile);

    /**
     * Installs Stripe with a secret API key: the key is checked against Stripe, Tollgate's webhook registered on the
     * account, key and webhook secret stored sealed; the billing profile as for {@link #install}. Other types: refused.
     */
    Installed installWithApiKey(Caller caller, String type, String apiKey, String name, boolean createBillingProfile);
}
