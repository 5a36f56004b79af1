package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageCustomerAppDataUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.CustomerAppDataStore;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.CustomerAppData;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class CustomerAppDataService implements ManageCustomerAppDataUseCase {
    private final BillingSetup setup;
    private final AppStore apps;
    private final ProfileStore profiles;
    private final CustomerAppDataStore data;
    private final TenancyApi tenancy;
    private final Clock clock;

    private final AuditTrail audit;

    CustomerAppDataService(BillingSetup setup, AppStore apps, ProfileStore profiles, CustomerAppDataStore data, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.apps = apps;
        this.profiles = profiles;
        this.data = data;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Page<AppData> list(Caller caller, String customerIdOrKey, String type, PageRequest page) {
        UUID namespace = setup.reading(caller);
        UUID customer = customer(namespace, customerIdOrKey);
        AppType only = type == null ? null : AppType.parse("type", type);
        return data.list(namespace, customer, only, page).map(d -> new AppData(d, apps.find(namespace, d.appId()).orElseThrow()));
    }

    @Override
    @Transactional
    public List<AppData> upsert(Caller caller, String customerIdOrKey, List<Item> items) {
        UUID namespace = setup.writing(caller);
        UUID customer = customer(namespace, customerIdOrKey);
        List<FieldError> errors = new ArrayList<>();
        List<App> targets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            app(namespace, items.get(i), "[" + i + "]", errors).ifPresent(targets::add);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        List<AppData> written = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            App app = targets.get(i);
            Item item = items.get(i);
            Optional<CustomerAppData> existing = data.find(namespace, customer, app.id());
            CustomerAppData saved = existing
                    .orElseGet(() -> new CustomerAppData(namespace, customer, app.id(), app.type(), null, now, now))
                    .replacedBy(item.metadata(), now);
            data.save(saved);
            written.add(new AppData(saved, app));
            audit.record(caller, namespace, new AuditTrail.Change("customer_app_data", Ulid.of(customer) + "/" + Ulid.of(app.id()),
                    existing.isPresent() ? "customer_app_data.updated" : "customer_app_data.created", "Data of customer " + Ulid.of(customer)
                    + " for app '" + app.name() + "' " + (existing.isPresent() ? "updated" : "created"), null,
                    AuditTrail.fields("customer_id", Ulid.of(customer), "app_id", Ulid.of(app.id()), "app_type", app.type().wire())));
        }
        return written;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String customerIdOrKey, String appId) {
        UUID namespace = setup.writing(caller);
        UUID customer = customer(namespace, customerIdOrKey);
        App app = Ulid.parse(appId).flatMap(id -> apps.find(namespace, id)).filter(App::installed)
                .orElseThrow(() -> NotFoundException.of("App", appId));
        if (!data.delete(namespace, customer, app.id())) {
            throw new NotFoundException("customer '" + customerIdOrKey + "' has no data for app '" + appId + "'");
        }
        audit.record(caller, namespace, AuditTrail.Change.deleted("customer_app_data", Ulid.of(customer) + "/" + Ulid.of(app.id()),
                "Data of customer " + Ulid.of(customer) + " for app '" + app.name() + "' deleted",
                AuditTrail.fields("customer_id", Ulid.of(customer), "app_id", Ulid.of(app.id()), "app_type", app.type().wire())));
    }

    /**
     * The app an item is for: the one it names, else the one of its type the default profile invoices with, else the
     * oldest installed one of that type.
     */
    private Optional<App> app(UUID namespace, Item item, String at, List<FieldError> errors) {
        if (item.type() == null) {
            errors.add(new FieldError(at + "/type", "is required"));
            return Optional.empty();
        }
        Optional<AppType> type = AppType.of(item.type());
        if (type.isEmpty()) {
            errors.add(new FieldError(at + "/type", "must be one of stripe, sandbox, custom_invoicing, not '" + item.type() + "'"));
            return Optional.empty();
        }
        if (type.get() == AppType.STRIPE) {
            // Stripe's data is checked against Stripe: it is kept through the Stripe app's own route (ADR 0039).
            errors.add(new FieldError(at + "/type", apps.firstInstalled(namespace, AppType.STRIPE).isEmpty()
                    ? "no Stripe app is installed in this namespace; Stripe customer data needs one "
                    + "(install it with POST /api/v1/marketplace/listings/stripe/install/apikey)"
                    : "Stripe customer data is set with PUT /api/v1/customers/{customerIdOrKey}/stripe, which checks it against Stripe"));
            return Optional.empty();
        }
        if (item.appId() != null) {
            Optional<App> named = Ulid.parse(item.appId()).flatMap(id -> apps.find(namespace, id)).filter(App::installed);
            if (named.isEmpty()) {
                errors.add(new FieldError(at + "/id", "app '" + item.appId() + "' is not installed in this namespace"));
            } else if (named.get().type() != type.get()) {
                errors.add(new FieldError(at + "/id", "app '" + item.appId() + "' is a " + named.get().type().wire() + " app, not "
                        + type.get().wire()));
                return Optional.empty();
            }
            return named;
        }
        Optional<App> chosen = profiles.findDefault(namespace).flatMap(p -> apps.find(namespace, p.apps().invoicing()))
                .filter(a -> a.installed() && a.type() == type.get())
                .or(() -> apps.firstInstalled(namespace, type.get()));
        if (chosen.isEmpty()) {
            errors.add(new FieldError(at + "/type", "no " + type.get().wire() + " app is installed in this namespace"));
        }
        return chosen;
    }

    private UUID customer(UUID namespace, String idOrKey) {
        return Ulid.parse(tenancy.requireCustomers(namespace, List.of(idOrKey)).get(0).id()).orElseThrow();
    }
}
