package dev.tollgate.tenancy.api.spi;

/**
 * How many members an organization's plan includes (0 = unlimited). The plans are entitlements', which tenancy may
 * not depend on: the deployable implements this over them.
 */
public interface SeatLimits {
    int includedSeats(String organizationPublicId);
}
