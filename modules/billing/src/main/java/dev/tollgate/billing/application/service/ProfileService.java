package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageBillingProfilesUseCase;
import dev.tollgate.billing.application.port.in.ProfileWithApps;
import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.OverrideStore;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.billing.domain.profile.ProfileApps;
import dev.tollgate.billing.domain.profile.Workflow;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Billing profiles and the terms a customer's invoices follow. Every write holds the namespace's billing lock, so
 * moving the default (demote the old, then save the new) and the delete guards never race another write.
 */
@Singleton
class ProfileService implements ManageBillingProfilesUseCase, ResolveInvoicingTermsUseCase {
    private final BillingSetup setup;
    private final ProfileStore profiles;
    private final OverrideStore overrides;
    private final AppStore apps;
    private final AppsOfProfiles profileApps;
    private final TenancyApi tenancy;
    private final Clock clock;

    private final AuditTrail audit;

    ProfileService(BillingSetup setup, ProfileStore profiles, OverrideStore overrides, AppStore apps, AppsOfProfiles profileApps, TenancyApi tenancy,
                   Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.profiles = profiles;
        this.overrides = overrides;
        this.apps = apps;
        this.profileApps = profileApps;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Page<ProfileWithApps> list(Caller caller, boolean includeArchived, String orderBy, boolean descending, PageRequest page) {
        UUID namespace = setup.reading(caller);
        Map<UUID, App> seen = new HashMap<>();
        return profiles.list(namespace, includeArchived, orderBy, descending, page).map(p -> profileApps.of(p, seen));
    }

    @Override
    @Transactional
    public ProfileWithApps create(Caller caller, ProfileInput input, AppChoice choice) {
        UUID namespace = setup.writing(caller);
        List<FieldError> errors = new ArrayList<>();
        UUID tax = installedApp(namespace, "apps/tax", choice == null ? null : choice.tax(), errors);
        UUID invoicing = installedApp(namespace, "apps/invoicing", choice == null ? null : choice.invoicing(), errors);
        UUID payment = installedApp(namespace, "apps/payment", choice == null ? null : choice.payment(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        BillingProfile created = BillingProfile.create(namespace, details(input), new ProfileApps(tax, invoicing, payment), now);
        if (created.isDefault()) {
            demoteDefault(namespace, created.id(), now);
        }
        profiles.save(created);
        audit.record(caller, namespace, AuditTrail.Change.created("billing_profile", Ulid.of(created.id()), "Billing profile '" + created.name()
                + "' created", AuditSnapshots.of(created)));
        return profileApps.of(created);
    }

    @Override
    @Transactional
    public ProfileWithApps get(Caller caller, String id) {
        return profileApps.of(find(setup.reading(caller), id));
    }

    @Override
    @Transactional
    public ProfileWithApps update(Caller caller, String id, ProfileInput input) {
        UUID namespace = setup.writing(caller);
        BillingProfile current = find(namespace, id);
        if (!current.live()) {
            throw new ValidationException("profile_already_deleted", List.of(new FieldError("id",
                    "billing profile '" + id + "' was deleted and can no longer be updated", "profile_already_deleted")));
        }
        BillingProfile.Details details = details(input);
        if (current.isDefault() && !details.isDefault()) {
            throw new ValidationException("default_profile_cannot_be_unset", List.of(new FieldError("default",
                    "the default billing profile cannot stop being the default; make another profile the default instead",
                    "default_profile_cannot_be_unset")));
        }
        Instant now = clock.instant();
        if (details.isDefault() && !current.isDefault()) {
            demoteDefault(namespace, current.id(), now);
        }
        BillingProfile updated = current.replace(details, now);
        profiles.save(updated);
        var before = AuditSnapshots.of(current);
        var after = AuditSnapshots.of(updated);
        if (!before.equals(after) || !java.util.Objects.equals(current.workflow(), updated.workflow())
                || !java.util.Objects.equals(current.supplier(), updated.supplier())) {
            audit.record(caller, namespace, AuditTrail.Change.updated("billing_profile", Ulid.of(updated.id()), "Billing profile '"
                    + updated.name() + "' updated", before, after));
        }
        return profileApps.of(updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String id) {
        UUID namespace = setup.writing(caller);
        BillingProfile profile = find(namespace, id);
        if (!profile.live()) {
            throw refused("profile_already_deleted", "billing profile '" + id + "' is already deleted");
        }
        if (profile.isDefault()) {
            throw refused("default_profile_cannot_be_deleted",
                    "the default billing profile cannot be deleted; make another profile the default first");
        }
        long pinned = livePinning(namespace, profile.id());
        if (pinned > 0) {
            throw refused("profile_referenced", "billing profile '" + id + "' is pinned to " + pinned
                    + (pinned == 1 ? " customer" : " customers") + " by customer overrides; move or delete those overrides first");
        }
        // Invoices come next (issue 15): a profile with invoices that are not finalized yet must be refused here too,
        // once the invoice store can say so.
        profiles.save(profile.deleted(clock.instant()));
        audit.record(caller, namespace, AuditTrail.Change.deleted("billing_profile", Ulid.of(profile.id()), "Billing profile '" + profile.name()
                + "' deleted", AuditSnapshots.of(profile)));
    }

    @Override
    @Transactional
    public InvoicingTerms termsFor(UUID namespace, String customerId) {
        setup.ensure(namespace);
        String id = tenancy.requireCustomers(namespace, List.of(customerId)).get(0).id();
        UUID customer = Ulid.parse(id).orElseThrow();
        return overrides.find(namespace, customer)
                .filter(o -> o.billingProfileId() != null)
                .flatMap(o -> profiles.find(namespace, o.billingProfileId()))
                .filter(BillingProfile::live)
                .or(() -> profiles.findDefault(namespace))
                .orElseThrow(() -> new IllegalStateException("namespace " + namespace + " has no default billing profile after set-up"))
                .terms();
    }

    /** The profile by ULID, deleted or not; anything else names nothing. */
    BillingProfile find(UUID namespace, String id) {
        return Ulid.parse(id).flatMap(uuid -> profiles.find(namespace, uuid))
                .orElseThrow(() -> NotFoundException.of("Billing profile", id));
    }

    /**
     * How many live customers the profile is pinned to. Tenancy deletes customers without telling billing, so an
     * override whose customer is gone is dropped here instead of keeping the profile undeletable forever. (Asking
     * tenancy customer by customer would throw not-found inside this transaction and mark it rollback-only, so the
     * namespace's live customers are read once; deleting a profile is rare.)
     */
    private long livePinning(UUID namespace, UUID profileId) {
        List<CustomerOverride> pinning = overrides.pinning(namespace, profileId);
        if (pinning.isEmpty()) {
            return 0;
        }
        java.util.Set<UUID> live = new java.util.HashSet<>();
        tenancy.findCustomers(namespace, null, null, null).forEach(c -> Ulid.parse(c.id()).ifPresent(live::add));
        long count = 0;
        for (CustomerOverride override : pinning) {
            if (live.contains(override.customerId())) {
                count++;
            } else {
                overrides.delete(namespace, override.customerId());
            }
        }
        return count;
    }

    private void demoteDefault(UUID namespace, UUID newDefault, Instant now) {
        profiles.findDefault(namespace).filter(p -> !p.id().equals(newDefault)).ifPresent(old -> profiles.save(old.demoted(now)));
    }

    private UUID installedApp(UUID namespace, String field, String id, List<FieldError> errors) {
        if (id == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        UUID app = Ulid.parse(id).orElse(null);
        if (app == null) {
            errors.add(new FieldError(field, "'" + id + "' is not a ULID"));
            return null;
        }
        if (apps.find(namespace, app).filter(App::installed).isEmpty()) {
            errors.add(new FieldError(field, "app '" + id + "' is not installed in this namespace"));
        }
        return app;
    }

    private static BillingProfile.Details details(ProfileInput input) {
        return new BillingProfile.Details(input.name(), input.description(), input.metadata(), input.supplier(),
                Workflow.of(input.workflow() == null ? Workflow.Draft.EMPTY : input.workflow()), input.isDefault());
    }

    private static ValidationException refused(String code, String message) {
        return new ValidationException(code, List.of(new FieldError("id", message, code)));
    }
}
