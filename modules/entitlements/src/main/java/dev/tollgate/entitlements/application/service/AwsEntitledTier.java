package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi.TierOffer;
import dev.tollgate.entitlements.application.port.out.AwsMarketplaceCustomers;
import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import dev.tollgate.platform.domain.NotFoundException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The tier an AWS customer bought: a contract's entitlement dimensions name tiers by key (the highest self-serve one
 * wins); a subscription without one is on the configured subscription tier, its usage billed by the hour.
 */
@Singleton
class AwsEntitledTier {
    private final AwsMarketplaceCustomers aws;
    private final MarketplaceTiers tiers;
    private final MarketplaceSettings settings;

    AwsEntitledTier(AwsMarketplaceCustomers aws, MarketplaceTiers tiers, MarketplaceSettings settings) {
        this.aws = aws;
        this.tiers = tiers;
        this.settings = settings;
    }

    /** The listing's product code; not found while the operator has not configured one (no AWS listing here). */
    String requireListing() {
        if (settings.awsProductCode() == null) {
            throw new NotFoundException("AWS Marketplace is not configured on this server");
        }
        return settings.awsProductCode();
    }

    String of(String customerIdentifier) {
        List<String> dimensions = aws.entitledDimensions(requireListing(), customerIdentifier);
        List<TierOffer> offers = tiers.offers(); // cheapest first
        String best = null;
        for (TierOffer offer : offers) {
            if (dimensions.contains(offer.key())) {
                best = offer.key();
            }
        }
        return best != null ? best : settings.awsSubscriptionTier();
    }
}
