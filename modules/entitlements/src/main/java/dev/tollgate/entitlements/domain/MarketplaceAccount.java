package dev.tollgate.entitlements.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A purchase made through a cloud marketplace (ADR 0044): a Vercel installation or an AWS Marketplace subscription,
 * known by the vendor's id for it ({@code externalId}), the organization it became and the tier it bought. The status
 * speaks PgBeam's subscription_status vocabulary, so the organization's billing state can show it as it is.
 */
public record MarketplaceAccount(UUID id, Provider provider, String externalId, UUID organizationId, String vendorAccountId,
                                 String productCode, String plan, String status, String accessTokenSealed, String claimTokenHash,
                                 Instant createdAt, Instant updatedAt, Instant endedAt) {
    /** The vendors, by PgBeam's {@code billing_provider} value. */
    public enum Provider {
        VERCEL("vercel"), AWS("aws");

        private final String key;

        Provider(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Provider of(String key) {
            for (Provider p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown marketplace provider " + key);
        }
    }

    /** Statuses in which the purchase pays for its tier; any other falls back to the initial tier. */
    private static final Set<String> STANDING = Set.of("active", "trialing", "past_due");

    public MarketplaceAccount {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("a marketplace account needs the vendor's id");
        }
    }

    public static MarketplaceAccount open(UUID id, Provider provider, String externalId, UUID organizationId, String vendorAccountId,
                                          String productCode, String plan, String status, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, plan, status, null, null, now,
                now, null);
    }

    public boolean standing() {
        return endedAt == null && STANDING.contains(status);
    }

    public MarketplaceAccount withPlan(String newPlan, String newStatus, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, newPlan, newStatus,
                accessTokenSealed, claimTokenHash, createdAt, now, endedAt);
    }

    public MarketplaceAccount withAccessToken(String sealed, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, plan, status, sealed,
                claimTokenHash, createdAt, now, endedAt);
    }

    public MarketplaceAccount withClaimToken(String hash, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, plan, status,
                accessTokenSealed, hash, createdAt, now, endedAt);
    }

    /** Claimed by an organization: the one-time claim token is spent. */
    public MarketplaceAccount claimedBy(UUID organization, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organization, vendorAccountId, productCode, plan, status, accessTokenSealed,
                null, createdAt, now, endedAt);
    }

    /** The vendor ended it (uninstalled, unsubscribed): kept, with the time, so final usage can still be reported. */
    public MarketplaceAccount ended(Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, plan, "canceled",
                accessTokenSealed, claimTokenHash, createdAt, now, endedAt == null ? now : endedAt);
    }

    /** Bought again after it ended (a re-installation, a new subscription): it stands once more. */
    public MarketplaceAccount reopened(String newPlan, String newStatus, Instant now) {
        return new MarketplaceAccount(id, provider, externalId, organizationId, vendorAccountId, productCode, newPlan, newStatus,
                accessTokenSealed, claimTokenHash, createdAt, now, null);
    }
}
