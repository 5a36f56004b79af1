package dev.tollgate.tenancy.adapters.out.standalone;

import dev.tollgate.tenancy.application.port.out.SeatLimits;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** Tenancy on its own (its module tests): no plans, no seat limit. The deployable's implementation takes precedence. */
@Singleton
@Secondary
final class NoSeatLimits implements SeatLimits {
    @Override
    public int includedSeats(String organizationPublicId) {
        return 0;
    }
}
