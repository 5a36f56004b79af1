package dev.tollgate.entitlements.application.port.out;

import java.util.List;

/** AWS Marketplace's customer calls: the Metering Service's ResolveCustomer and the Entitlement Service's GetEntitlements. */
public interface AwsMarketplaceCustomers {
    /** Who a registration token (the buyer's browser posted it) belongs to; a validation error when AWS refuses it. */
    ResolvedCustomer resolveCustomer(String registrationToken);

    record ResolvedCustomer(String customerIdentifier, String productCode, String customerAwsAccountId) {
    }

    /** The dimensions the customer is entitled to in the product (a contract's tiers); empty for a pure subscription. */
    List<String> entitledDimensions(String productCode, String customerIdentifier);
}
