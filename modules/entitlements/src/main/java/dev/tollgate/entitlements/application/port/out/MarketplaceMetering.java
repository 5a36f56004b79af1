package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A vendor's metering call, through which usage reaches the bill the vendor sends (one adapter per vendor). */
public interface MarketplaceMetering {
    Provider provider();

    /** Sends one hour's usage of the account; throws when the vendor did not take it, so the hour is tried again. */
    void report(MeteredAccount account, HourUsage usage);

    /** The vendor's ids for the purchase; {@code accessToken}: Vercel's installation token, opened for this call only. */
    record MeteredAccount(String externalId, String productCode, String accessToken) {
    }

    /** The hour starting at {@code hour} (UTC), with each dimension's usage. */
    record HourUsage(Instant hour, List<Dimension> dimensions) {
    }

    /**
     * One measured quantity: in the hour, in its UTC day up to the hour's end, and in its billing period (the UTC month)
     * up to the hour's end. AWS takes the hour's; Vercel keeps the latest day and period values it is sent.
     */
    record Dimension(String name, String label, String units, BigDecimal hour, BigDecimal day, BigDecimal period) {
    }
}
