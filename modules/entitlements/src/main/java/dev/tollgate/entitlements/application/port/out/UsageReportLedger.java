package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** What usage was sent to a vendor, per account and hour, so that no hour is sent twice. */
public interface UsageReportLedger {
    /**
     * Records the hour's quantities in the caller's transaction; false when the hour is already recorded (sent, or being
     * sent by another node: the insert waits for that transaction and then finds the row).
     */
    boolean record(Provider provider, String externalId, Instant hour, Map<String, BigDecimal> quantities, Instant now);
}
