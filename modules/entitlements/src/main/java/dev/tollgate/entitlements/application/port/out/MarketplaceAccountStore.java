package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Marketplace purchases (Vercel installations, AWS subscriptions) by the vendor's id for them. */
public interface MarketplaceAccountStore {
    /**
     * Serializes changes to one vendor id until the transaction ends, including its first insert (two deliveries of
     * the same installation must not open two organizations).
     */
    void lock(Provider provider, String externalId);

    Optional<MarketplaceAccount> find(Provider provider, String externalId);

    Optional<MarketplaceAccount> findByClaimTokenHash(String claimTokenHash);

    /** The organization's accounts of {@code provider}, ended ones too, oldest first. */
    List<MarketplaceAccount> ofOrganization(Provider provider, UUID organizationId);

    /** Inserts or replaces by id. */
    void save(MarketplaceAccount account);

    /** Accounts linked to an organization that stood at some time after {@code since} (live, or ended after it). */
    List<MarketplaceAccount> billableSince(java.time.Instant since);
}
