package dev.tollgate.billing.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.billing.application.port.in.ManageCustomerAppDataUseCase.AppData;
import dev.tollgate.billing.application.port.in.ManageCustomerOverridesUseCase.OverrideDetails;
import dev.tollgate.billing.application.port.in.ProfileWithApps;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.Capability;
import dev.tollgate.billing.domain.app.Listing;
import dev.tollgate.billing.domain.app.StripeAccount;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.billing.domain.profile.Party;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.TenancyApi.CustomerDetails;
import dev.tollgate.tenancy.api.TenancyApi.PostalAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Apps, marketplace listings, billing profiles, customer overrides and customer app data as OpenMeter shows them.
 * A profile's {@code apps} is one of two shapes (full App objects with {@code expand=apps}, else {@code {id}}
 * references), so it is typed {@code Object} and written as whichever record it holds.
 */
final class BillingViews {
    private BillingViews() {
    }

    @Serdeable
    record CapabilityView(String type, String key, String name, String description) {
        static CapabilityView of(Capability c) {
            return new CapabilityView(c.type(), c.key(), c.name(), c.description());
        }
    }

    @Serdeable
    record ListingView(String type, String name, String description, List<CapabilityView> capabilities, List<String> installMethods) {
        static ListingView of(Listing l) {
            return new ListingView(l.type().wire(), l.name(), l.description(), l.capabilities().stream().map(CapabilityView::of).toList(),
                    l.installMethods().stream().map(Listing.InstallMethod::wire).toList());
        }
    }

    /**
     * SandboxApp, CustomInvoicingApp or StripeApp (by {@code type}); the hooks are written for custom invoicing only, the
     * account, mode and masked key for Stripe only (never the key itself).
     */
    @Serdeable
    record AppView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, Instant createdAt,
                   Instant updatedAt, @Nullable Instant deletedAt, ListingView listing, String status, String type,
                   @Nullable Boolean enableDraftSyncHook, @Nullable Boolean enableIssuingSyncHook, @Nullable String stripeAccountId,
                   @Nullable Boolean livemode, @Nullable String maskedAPIKey) {
        static AppView of(App a) {
            boolean custom = a.type() == AppType.CUSTOM_INVOICING;
            StripeAccount stripe = a.type() == AppType.STRIPE ? a.stripe() : null;
            return new AppView(Ulid.of(a.id()), a.name(), a.description(), a.metadata(), a.createdAt(), a.updatedAt(), a.deletedAt(),
                    ListingView.of(a.listing()), "ready", a.type().wire(), custom ? a.enableDraftSyncHook() : null,
                    custom ? a.enableIssuingSyncHook() : null, stripe == null ? null : stripe.accountId(), stripe == null ? null : stripe.livemode(),
                    stripe == null ? null : stripe.maskedApiKey());
        }
    }

    @Serdeable
    record InstallView(AppView app, List<String> defaultForCapabilityTypes) {
    }

    @Serdeable
    record TaxIdView(String code) {
    }

    @Serdeable
    record AddressView(@Nullable String country, @Nullable String postalCode, @Nullable String state, @Nullable String city,
                       @Nullable String line1, @Nullable String line2, @Nullable String phoneNumber) {
        static AddressView of(Party.Address a) {
            return new AddressView(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber());
        }

        static AddressView of(PostalAddress a) {
            return a == null ? null : new AddressView(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber());
        }
    }

    @Serdeable
    record PartyView(@Nullable String key, @Nullable String name, @Nullable TaxIdView taxId, @Nullable List<AddressView> addresses) {
        static PartyView of(Party p) {
            return new PartyView(p.key(), p.name(), p.taxIdCode() == null ? null : new TaxIdView(p.taxIdCode()),
                    p.addresses().isEmpty() ? null : p.addresses().stream().map(AddressView::of).toList());
        }
    }

    @Serdeable
    record RecurringPeriodView(String interval, Instant anchor) {
    }

    @Serdeable
    record AlignmentView(String type, @Nullable RecurringPeriodView recurringPeriod) {
    }

    @Serdeable
    record CollectionView(AlignmentView alignment, String interval) {
    }

    @Serdeable
    record InvoicingView(boolean autoAdvance, String draftPeriod, String dueAfter, boolean progressiveBilling,
                         @Nullable Map<String, Object> defaultTaxConfig) {
    }

    @Serdeable
    record PaymentView(String collectionMethod) {
    }

    @Serdeable
    record TaxView(boolean enabled, boolean enforced) {
    }

    @Serdeable
    record WorkflowView(CollectionView collection, InvoicingView invoicing, PaymentView payment, TaxView tax) {
        static WorkflowView of(Workflow w) {
            Workflow.RecurringPeriod p = w.recurringPeriod();
            return new WorkflowView(
                    new CollectionView(new AlignmentView(w.alignment(), p == null ? null : new RecurringPeriodView(p.interval(), p.anchor())),
                            w.collectionInterval().text()),
                    new InvoicingView(w.autoAdvance(), w.draftPeriod().text(), w.dueAfter().text(), w.progressiveBilling(),
                            w.defaultTaxConfig() == null ? null : w.defaultTaxConfig().toMap()),
                    new PaymentView(w.collectionMethod()), new TaxView(w.taxEnabled(), w.taxEnforced()));
        }
    }

    @Serdeable
    record AppRef(String id) {
    }

    @Serdeable
    record AppRefsView(AppRef tax, AppRef invoicing, AppRef payment) {
    }

    @Serdeable
    record AppsView(AppView tax, AppView invoicing, AppView payment) {
    }

    /** BillingProfileApps with {@code expand=apps}, else BillingProfileAppReferences. */
    static Object appsOf(ProfileWithApps p, boolean expand) {
        if (expand) {
            return new AppsView(AppView.of(p.tax()), AppView.of(p.invoicing()), AppView.of(p.payment()));
        }
        return new AppRefsView(new AppRef(Ulid.of(p.tax().id())), new AppRef(Ulid.of(p.invoicing().id())), new AppRef(Ulid.of(p.payment().id())));
    }

    @Serdeable
    record ProfileView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, Instant createdAt,
                       Instant updatedAt, @Nullable Instant deletedAt, PartyView supplier, WorkflowView workflow, Object apps,
                       @JsonProperty("default") boolean isDefault) {
        static ProfileView of(ProfileWithApps p, boolean expandApps) {
            BillingProfile b = p.profile();
            return new ProfileView(Ulid.of(b.id()), b.name(), b.description(), b.metadata(), b.createdAt(), b.updatedAt(), b.deletedAt(),
                    PartyView.of(b.supplier()), WorkflowView.of(b.workflow()), appsOf(p, expandApps), b.isDefault());
        }
    }

    /** subjectKeys is required, also when empty. */
    @Serdeable
    record UsageAttributionView(List<String> subjectKeys) {
    }

    @Serdeable
    record CustomerView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, @Nullable String key,
                        UsageAttributionView usageAttribution, @Nullable String primaryEmail, @Nullable String currency,
                        @Nullable AddressView billingAddress, Instant createdAt, Instant updatedAt) {
        static CustomerView of(CustomerDetails c) {
            return new CustomerView(c.id(), c.name(), c.description(), c.metadata(), c.key(), new UsageAttributionView(c.subjectKeys()),
                    c.primaryEmail(), c.currency(), AddressView.of(c.billingAddress()), c.createdAt(), c.updatedAt());
        }
    }

    @Serdeable
    record OverrideView(Instant createdAt, Instant updatedAt, @Nullable String billingProfileId, String customerId) {
        static OverrideView of(CustomerOverride o) {
            return new OverrideView(o.createdAt(), o.updatedAt(), o.billingProfileId() == null ? null : Ulid.of(o.billingProfileId()),
                    Ulid.of(o.customerId()));
        }
    }

    @Serdeable
    record CustomerProfileView(PartyView supplier, WorkflowView workflow, Object apps) {
    }

    /** The customer's override (absent without one), the profile in effect and its merged values, the customer with {@code expand=customer}. */
    @Serdeable
    record OverrideDetailsView(@Nullable OverrideView customerOverride, String baseBillingProfileId, CustomerProfileView customerProfile,
                               @Nullable CustomerView customer) {
        static OverrideDetailsView of(OverrideDetails d, boolean expandApps, boolean expandCustomer) {
            BillingProfile profile = d.profile().profile();
            return new OverrideDetailsView(d.override() == null ? null : OverrideView.of(d.override()), Ulid.of(profile.id()),
                    new CustomerProfileView(PartyView.of(profile.supplier()), WorkflowView.of(profile.workflow()), appsOf(d.profile(), expandApps)),
                    expandCustomer ? CustomerView.of(d.customer()) : null);
        }
    }

    /** SandboxCustomerAppData or CustomInvoicingCustomerAppData; metadata for custom invoicing only. */
    @Serdeable
    record CustomerAppDataView(AppView app, String id, String type, @Nullable Map<String, String> metadata) {
        static CustomerAppDataView of(AppData d) {
            return new CustomerAppDataView(AppView.of(d.app()), Ulid.of(d.app().id()), d.app().type().wire(),
                    d.app().type() == AppType.CUSTOM_INVOICING ? d.data().metadata() : null);
        }
    }
}
