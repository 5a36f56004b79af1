package dev.tollgate.webhooks.api.spi;

import java.util.Optional;
import java.util.UUID;

/**
 * The features OpenMeter's notification rules name, by ULID or key. Features are the catalog's, which webhooks may not
 * depend on: the deployable bridges this over it.
 */
public interface NotificationFeatures {
    /** A feature of the namespace: its id (a ULID) and key. */
    record FeatureRef(String id, String key) {
    }

    /** A feature by ULID (archived ones too) or by key (the live one); empty when none matches. */
    Optional<FeatureRef> find(UUID namespace, String idOrKey);
}
