package dev.tollgate.billing.domain.subscription;

import java.time.Instant;

/** How many instances of an add-on a subscription has from {@code activeFrom} until {@code activeTo} (null: on and on). */
public record QuantitySegment(Instant activeFrom, Instant activeTo, int quantity) {
}
