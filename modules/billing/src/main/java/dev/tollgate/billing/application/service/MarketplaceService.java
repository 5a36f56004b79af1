package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.MarketplaceUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.PlatformStripeKeys;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.application.port.out.StripeConnectSettings;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.Listing;
import dev.tollgate.billing.domain.app.Marketplace;
import dev.tollgate.billing.domain.app.StripeAccount;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.ProfileApps;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Singleton
class MarketplaceService implements MarketplaceUseCase {
    private final BillingSetup setup;
    private final AppStore apps;
    private final ProfileStore profiles;
    private final StripeConnections stripe;
    private final Clock clock;
    private final StripeConnectSettings connect;
    private final PlatformStripeKeys platformKeys;

    private final AuditTrail audit;

    MarketplaceService(BillingSetup setup, AppStore apps, ProfileStore profiles, StripeConnections stripe, Clock clock,
                       StripeConnectSettings connect, PlatformStripeKeys platformKeys, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.apps = apps;
        this.profiles = profiles;
        this.stripe = stripe;
        this.clock = clock;
        this.connect = connect;
        this.platformKeys = platformKeys;
    }

    /** Stripe installs through Connect OAuth only where the operator configured a Connect platform (client id and secret key). */
    boolean connectConfigured() {
        return connect.clientId().isPresent() && platformKeys.secretKey().isPresent();
    }

    private Listing offered(Listing listing) {
        if (listing.type() != AppType.STRIPE || !connectConfigured()) {
            return listing;
        }
        return new Listing(listing.type(), listing.name(), listing.description(), listing.capabilities(),
                List.of(Listing.InstallMethod.WITH_OAUTH2, Listing.InstallMethod.WITH_API_KEY));
    }

    @Override
    @Transactional
    public Page<Listing> listings(Caller caller, PageRequest page) {
        setup.reading(caller);
        List<Listing> all = Marketplace.LISTINGS.stream().map(this::offered).toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size(), page);
    }

    @Override
    @Transactional
    public Listing listing(Caller caller, String type) {
        setup.reading(caller);
        return offered(find(type));
    }

    @Override
    @Transactional
    public Installed install(Caller caller, String type, String name, boolean createBillingProfile) {
        UUID namespace = setup.writing(caller);
        Listing listing = find(type);
        if (!listing.installsWithoutCredentials()) {
            throw new ValidationException("install_method_not_supported", List.of(new FieldError("type",
                    "the Stripe app installs with an API key: POST /api/v1/marketplace/listings/stripe/install/apikey", "install_method_not_supported")));
        }
        Instant now = clock.instant();
        App app = App.install(namespace, listing, name, now);
        apps.save(app);
        Installed installed = withProfile(namespace, app, listing, createBillingProfile, now);
        recordInstall(caller, namespace, installed);
        return installed;
    }

    /**
     * Stripe's install (ADR 0039): the key must be one Stripe accepts (its account is fetched), Tollgate's webhook is
     * registered on that account, and the key and the webhook's signing secret are stored sealed. Stripe is called
     * before anything is stored, so a refused key leaves nothing behind.
     */
    @Override
    @Transactional
    public Installed installWithApiKey(Caller caller, String type, String apiKey, String name, boolean createBillingProfile) {
        UUID namespace = setup.writing(caller);
        Listing listing = find(type);
        if (listing.type() != AppType.STRIPE) {
            throw new ValidationException("install_method_not_supported", List.of(new FieldError("type", "the " + listing.name()
                    + " app needs no credentials: POST /api/v1/marketplace/listings/" + listing.type().wire() + "/install", "install_method_not_supported")));
        }
        Installed installed = installStripe(namespace, apiKey, name, createBillingProfile, null);
        recordInstall(caller, namespace, installed);
        return installed;
    }

    /** The audit entry of an install a person or credential asked for (never the API key it was given). */
    void recordInstall(Caller caller, UUID namespace, Installed installed) {
        App app = installed.app();
        audit.record(caller, namespace, new AuditTrail.Change("app", dev.tollgate.platform.domain.Ulid.of(app.id()), "app.installed", "App '"
                + app.name() + "' (" + app.type().wire() + ") installed", null, AuditSnapshots.of(app)));
    }

    /**
     * The Stripe install itself, for a namespace already set up and locked: the caller's, or the system namespace when
     * Tollgate connects the operator's own account (ADR 0042). {@code webhookPath} null: the app's own webhook route.
     */
    Installed installStripe(UUID namespace, String apiKey, String name, boolean createBillingProfile, String webhookPath) {
        Listing listing = find(AppType.STRIPE.wire());
        StripeAccount.checkKey("apiKey", apiKey);
        Instant now = clock.instant();
        StripeGateway.Account account = stripe.account(apiKey, "apiKey");
        App app = App.installStripe(dev.tollgate.platform.domain.TypeId.newUuid(), namespace, name, StripeAccount.of(account.id(), apiKey), now);
        apps.save(app);
        if (webhookPath == null) {
            stripe.connect(app, apiKey, now);
        } else {
            stripe.connect(app, StripeGateway.Credential.of(apiKey), now, webhookPath);
        }
        return withProfile(namespace, app, listing, createBillingProfile, now);
    }

    /**
     * Stripe installed through Connect OAuth (ADR 0047), for a namespace already set up and locked: the app is the
     * connected account's, called with the platform's key on its behalf; its webhook is registered on that account.
     */
    Installed installStripeConnected(UUID namespace, StripeGateway.Credential credential, boolean livemode, String name,
                                     boolean createBillingProfile) {
        Listing listing = find(AppType.STRIPE.wire());
        Instant now = clock.instant();
        App app = App.installStripe(dev.tollgate.platform.domain.TypeId.newUuid(), namespace, name,
                StripeAccount.connected(credential.account(), livemode), now);
        apps.save(app);
        stripe.connect(app, credential, now, StripeConnections.webhookPath(app.id()));
        return withProfile(namespace, app, listing, createBillingProfile, now);
    }

    private Installed withProfile(UUID namespace, App app, Listing listing, boolean createBillingProfile, Instant now) {
        if (!createBillingProfile) {
            return new Installed(app, List.of());
        }
        BillingProfile current = profiles.findDefault(namespace).orElseThrow();
        // The namespace's starting point (invoicing through a sandbox) gives way to the first real invoicing app.
        boolean becomesDefault = app.type() != AppType.SANDBOX
                && apps.find(namespace, current.apps().invoicing()).map(a -> a.type() == AppType.SANDBOX).orElse(false);
        if (becomesDefault) {
            profiles.save(current.demoted(now));
        }
        profiles.save(BillingProfile.create(namespace, new BillingProfile.Details(app.name() + " Billing Profile", null, null, current.supplier(),
                Workflow.DEFAULTS, becomesDefault), ProfileApps.all(app.id()), now));
        return new Installed(app, becomesDefault ? listing.capabilityTypes() : List.of());
    }

    static Listing find(String type) {
        return Marketplace.find(type).orElseThrow(() -> NotFoundException.of("Marketplace listing", type));
    }
}
