package dev.tollgate.entitlements.application.port.in;

/**
 * Reports marketplace organizations' usage to the vendor that bills them, hour by hour (ADR 0044). Each completed
 * hour of each account is sent once: a rerun, or a second node running at the same time, skips what was sent.
 */
public interface ReportMarketplaceUsageUseCase {
    /** Sends every completed hour not yet sent within the look-back; answers how many account-hours were sent. */
    int reportDue();
}
