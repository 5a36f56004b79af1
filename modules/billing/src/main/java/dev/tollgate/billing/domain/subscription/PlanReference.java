package dev.tollgate.billing.domain.subscription;

import java.util.UUID;

/** The catalog plan version a subscription was made from; a custom subscription has none. */
public record PlanReference(UUID id, String key, int version) {
}
