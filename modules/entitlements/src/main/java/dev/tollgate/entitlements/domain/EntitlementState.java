package dev.tollgate.entitlements.domain;

import java.time.Instant;

/**
 * An entitlement with what its resets make of it now: the current usage period [periodFrom, periodTo) and the usage
 * period in force (its anchor moves with resets that do not retain it). Periods are null when it has none.
 */
public record EntitlementState(Entitlement entitlement, Instant periodFrom, Instant periodTo, UsagePeriod usagePeriod) {
}
