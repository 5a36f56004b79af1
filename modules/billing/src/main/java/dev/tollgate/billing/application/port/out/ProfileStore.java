package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.Optional;
import java.util.UUID;

public interface ProfileStore {
    /** Inserts or updates. A second live default in the namespace breaks a unique index: a conflict. */
    void save(BillingProfile profile);

    /** The profile, deleted or not. */
    Optional<BillingProfile> find(UUID namespace, UUID id);

    Optional<BillingProfile> findDefault(UUID namespace);

    /** {@code orderBy} is one of createdAt, updatedAt, default, name (OpenMeter's BillingProfileOrderBy). */
    Page<BillingProfile> list(UUID namespace, boolean includeArchived, String orderBy, boolean descending, PageRequest page);

    /** The oldest live profile of the namespace whose metadata maps {@code key} to {@code value}. */
    Optional<BillingProfile> findLiveMarked(UUID namespace, String key, String value);

    /** How many live profiles use the app for tax, invoicing or payment. */
    long countLiveUsing(UUID namespace, UUID appId);
}
