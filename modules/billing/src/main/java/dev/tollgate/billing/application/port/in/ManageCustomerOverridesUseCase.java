package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.CustomerDetails;
import java.util.List;

/** OpenMeter's customer overrides: which billing profile a customer follows when it is not the default. */
public interface ManageCustomerOverridesUseCase {
    /**
     * A customer with the profile in effect for it.
     *
     * @param override the customer's override, or null when it has none (it follows the default)
     * @param profile  the profile in effect: the override's, else the default
     */
    record OverrideDetails(CustomerOverride override, ProfileWithApps profile, CustomerDetails customer) {
    }

    /**
     * OpenMeter's listBillingProfileCustomerOverrides filters: {@code billingProfileIds} match the profile in effect
     * (so the default's id matches every customer that follows it); {@code customersWithoutPinnedProfile} keeps those
     * without a pinned profile; {@code includeAllCustomers} false keeps only customers with an override. Names match
     * partially and case-insensitively. {@code orderBy}: customerId (default), customerName, customerKey,
     * customerPrimaryEmail, customerCreatedAt.
     */
    record Listing(List<String> billingProfileIds, boolean customersWithoutPinnedProfile, boolean includeAllCustomers, List<String> customerIds,
                   String customerName, String customerKey, String customerPrimaryEmail, String orderBy, boolean descending) {
    }

    Page<OverrideDetails> list(Caller caller, Listing listing, PageRequest page);

    /** Pins the customer to {@code billingProfileId}, or with null to whichever profile is the default. */
    OverrideDetails upsert(Caller caller, String customerId, String billingProfileId);

    /** Without an override, the default profile's values (and no {@code override}). */
    OverrideDetails get(Caller caller, String customerId);

    /** The customer follows the default again; not-found when it had no override. */
    void delete(Caller caller, String customerId);
}
