package dev.tollgate.archfixtures.tenancy.api.spi;

/** Allowed: a port tenancy publishes for the deployable to fulfil (plain Java, no domain types). */
public interface SeatLimitsPort {
    int includedSeats(String organizationId);
}
