package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import dev.tollgate.tenancy.domain.Organization;
import jakarta.inject.Singleton;

/** Whether one more member fits in the seats the organization's plan includes. */
@Singleton
class SeatCheck {
    private final SeatLimits seatLimits;

    SeatCheck(SeatLimits seatLimits) {
        this.seatLimits = seatLimits;
    }

    /** @param members how many members the organization has now (counted under its lock when about to add one) */
    void requireFreeSeat(Organization organization, long members) {
        int seats = seatLimits.includedSeats(organization.publicId());
        if (seats > 0 && members >= seats) {
            throw new ForbiddenException("plan_limit", "Plan limit reached: the plan includes " + seats
                    + " seat" + (seats == 1 ? "" : "s") + "; upgrade the plan or remove a member.");
        }
    }
}
