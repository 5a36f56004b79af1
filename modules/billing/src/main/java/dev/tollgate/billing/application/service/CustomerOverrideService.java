package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageCustomerOverridesUseCase;
import dev.tollgate.billing.application.port.out.OverrideStore;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerDetails;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customer overrides. Customers live in tenancy, so the listing asks it for the namespace's matching customers and
 * joins their overrides here, filtering, ordering and paging in memory (ADR 0031 says where that stops scaling).
 */
@Singleton
class CustomerOverrideService implements ManageCustomerOverridesUseCase {
    private static final Map<String, Comparator<CustomerDetails>> ORDER = Map.of(
            "customerId", Comparator.comparing(c -> c.id()),
            "customerName", Comparator.comparing(CustomerDetails::name, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER)),
            "customerKey", Comparator.comparing(CustomerDetails::key, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER)),
            "customerPrimaryEmail", Comparator.comparing(CustomerDetails::primaryEmail, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER)),
            "customerCreatedAt", Comparator.comparing(CustomerDetails::createdAt));
    private final BillingSetup setup;
    private final ProfileStore profiles;
    private final OverrideStore overrides;
    private final AppsOfProfiles profileApps;
    private final TenancyApi tenancy;
    private final Clock clock;

    private final AuditTrail audit;

    CustomerOverrideService(BillingSetup setup, ProfileStore profiles, OverrideStore overrides, AppsOfProfiles profileApps, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.setup = setup;
        this.profiles = profiles;
        this.overrides = overrides;
        this.profileApps = profileApps;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Page<OverrideDetails> list(Caller caller, Listing listing, PageRequest page) {
        UUID namespace = setup.reading(caller);
        Set<UUID> customerIds = ulids("customerId", listing.customerIds());
        Set<UUID> profileIds = ulids("billingProfile", listing.billingProfileIds());
        Map<UUID, CustomerOverride> byCustomer = overrides.all(namespace).stream()
                .collect(Collectors.toMap(CustomerOverride::customerId, Function.identity()));
        BillingProfile fallback = defaultProfile(namespace);
        List<CustomerDetails> matching = tenancy.findCustomers(namespace, listing.customerName(), listing.customerKey(), listing.customerPrimaryEmail())
                .stream()
                .filter(c -> {
                    UUID id = Ulid.parse(c.id()).orElseThrow();
                    CustomerOverride override = byCustomer.get(id);
                    boolean pinned = override != null && override.billingProfileId() != null;
                    UUID effective = pinned ? override.billingProfileId() : fallback.id();
                    return (customerIds.isEmpty() || customerIds.contains(id))
                            && (!listing.customersWithoutPinnedProfile() || !pinned)
                            && (listing.customersWithoutPinnedProfile() || listing.includeAllCustomers() || override != null)
                            && (profileIds.isEmpty() || profileIds.contains(effective));
                })
                .sorted(order(listing))
                .toList();
        List<CustomerDetails> pageItems = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        Map<UUID, BillingProfile> profileCache = new HashMap<>();
        Map<UUID, App> appCache = new HashMap<>();
        List<OverrideDetails> items = pageItems.stream().map(c -> {
            CustomerOverride override = byCustomer.get(Ulid.parse(c.id()).orElseThrow());
            BillingProfile profile = override == null || override.billingProfileId() == null ? fallback
                    : profileCache.computeIfAbsent(override.billingProfileId(), id -> profiles.find(namespace, id).orElseThrow());
            return new OverrideDetails(override, profileApps.of(profile, appCache), c);
        }).toList();
        return new Page<>(items, matching.size(), page);
    }

    @Override
    @Transactional
    public OverrideDetails upsert(Caller caller, String customerId, String billingProfileId) {
        UUID namespace = setup.writing(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerId);
        UUID id = Ulid.parse(customer.id()).orElseThrow();
        UUID profileId = null;
        if (billingProfileId != null) {
            profileId = Ulid.parse(billingProfileId).flatMap(p -> profiles.find(namespace, p)).filter(BillingProfile::live).map(BillingProfile::id)
                    .orElseThrow(() -> new ValidationException("billingProfileId",
                            "billing profile '" + billingProfileId + "' does not exist in this namespace (or was deleted)"));
        }
        Instant now = clock.instant();
        UUID pinned = profileId;
        Optional<CustomerOverride> existing = overrides.find(namespace, id);
        CustomerOverride saved = existing.map(o -> o.pinning(pinned, now))
                .orElseGet(() -> new CustomerOverride(namespace, id, pinned, now, now));
        overrides.save(saved);
        var after = AuditTrail.fields("customer_id", customer.id(), "billing_profile_id", AuditSnapshots.id(pinned));
        if (existing.isEmpty()) {
            audit.record(caller, namespace, AuditTrail.Change.created("customer_override", customer.id(), "Billing override of customer '"
                    + customer.name() + "' created", after));
        } else if (!java.util.Objects.equals(existing.get().billingProfileId(), pinned)) {
            audit.record(caller, namespace, AuditTrail.Change.updated("customer_override", customer.id(), "Billing override of customer '"
                    + customer.name() + "' updated", AuditTrail.fields("customer_id", customer.id(), "billing_profile_id",
                    AuditSnapshots.id(existing.get().billingProfileId())), after));
        }
        return details(namespace, saved, customer);
    }

    @Override
    @Transactional
    public OverrideDetails get(Caller caller, String customerId) {
        UUID namespace = setup.reading(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerId);
        return details(namespace, overrides.find(namespace, Ulid.parse(customer.id()).orElseThrow()).orElse(null), customer);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String customerId) {
        UUID namespace = setup.writing(caller);
        CustomerDetails customer = tenancy.requireCustomer(namespace, customerId);
        UUID id = Ulid.parse(customer.id()).orElseThrow();
        CustomerOverride existing = overrides.find(namespace, id).orElse(null);
        if (!overrides.delete(namespace, id)) {
            throw new NotFoundException("customer '" + customerId + "' has no billing profile override (customer_override_not_found)");
        }
        audit.record(caller, namespace, AuditTrail.Change.deleted("customer_override", customer.id(), "Billing override of customer '"
                + customer.name() + "' deleted", AuditTrail.fields("customer_id", customer.id(), "billing_profile_id",
                existing == null ? null : AuditSnapshots.id(existing.billingProfileId()))));
    }

    private OverrideDetails details(UUID namespace, CustomerOverride override, CustomerDetails customer) {
        BillingProfile profile = Optional.ofNullable(override).map(CustomerOverride::billingProfileId)
                .flatMap(id -> profiles.find(namespace, id))
                .orElseGet(() -> defaultProfile(namespace));
        return new OverrideDetails(override, profileApps.of(profile), customer);
    }

    private BillingProfile defaultProfile(UUID namespace) {
        return profiles.findDefault(namespace)
                .orElseThrow(() -> new IllegalStateException("namespace " + namespace + " has no default billing profile after set-up"));
    }

    private static Comparator<CustomerDetails> order(Listing listing) {
        Comparator<CustomerDetails> order = ORDER.getOrDefault(listing.orderBy(), ORDER.get("customerId"));
        order = order.thenComparing(CustomerDetails::id);
        return listing.descending() ? order.reversed() : order;
    }

    private static Set<UUID> ulids(String field, List<String> ids) {
        return ids.stream().map(id -> Ulid.parse(id).orElseThrow(() -> new ValidationException(field, "'" + id + "' is not a ULID"))).collect(Collectors.toSet());
    }
}
