package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.tenancy.api.Caller;

/**
 * AWS Marketplace's SaaS fulfilment (ADR 0044): the buyer's browser posts a registration token, which AWS resolves to a
 * customer; a signed-in member of an organization then claims that subscription for it, and the organization is billed
 * by AWS on the tier bought.
 */
public interface AwsMarketplaceUseCase {
    /**
     * The subscription the registration token names, recorded (unclaimed until {@link #claim}); {@code claimToken}, shown
     * once, is what claims it (null once it is claimed).
     */
    Subscription resolve(String registrationToken);

    /** Puts the subscription on {@code organizationIdOrSlug}; needs MANAGE_BILLING there. The claim token is spent. */
    Subscription claim(Caller caller, String claimToken, String organizationIdOrSlug);

    /** A subscription by AWS's customer identifier, for the members of the organization that claimed it (and the operator). */
    Subscription customer(Caller caller, String customerIdentifier);

    record Subscription(String customerIdentifier, String productCode, String awsAccountId, String organizationId, String plan,
                        String status, String claimToken) {
    }
}
