package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.in.ReportMarketplaceUsageUseCase;
import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the marketplace accounts and their completed hours within the look-back
 * ({@code tollgate.marketplace.usage.lookback}, 6 hours by default: AWS takes records up to six hours old). Each
 * account-hour is sent in its own transaction ({@link MarketplaceHourReport}), so one vendor's failure delays only
 * that hour, which the next run tries again.
 */
@Singleton
class MarketplaceUsageReporting implements ReportMarketplaceUsageUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceUsageReporting.class);
    private final MarketplaceAccountStore accounts;
    private final MarketplaceHourReport hours;
    private final MarketplaceSettings settings;
    private final Clock clock;

    MarketplaceUsageReporting(MarketplaceAccountStore accounts, MarketplaceHourReport hours, MarketplaceSettings settings, Clock clock) {
        this.accounts = accounts;
        this.hours = hours;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int reportDue() {
        Instant now = clock.instant();
        Instant current = now.truncatedTo(ChronoUnit.HOURS); // the hour under way is not complete: never sent
        Instant earliest = now.minus(settings.usageLookback()).truncatedTo(ChronoUnit.HOURS);
        int sent = 0;
        for (MarketplaceAccount account : accounts.billableSince(earliest)) {
            Instant from = max(earliest, account.createdAt().truncatedTo(ChronoUnit.HOURS));
            // An ended account still owes the hours up to its end, the hour it ended included.
            Instant to = account.endedAt() == null ? current : min(current, account.endedAt().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
            for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
                try {
                    sent += hours.send(account, hour, now) ? 1 : 0;
                } catch (RuntimeException e) {
                    LOG.warn("Usage of {} account {} for {} not sent; tried again next run: {}", account.provider().key(),
                            account.externalId(), hour, e.toString());
                    break; // the hours after it wait: a vendor keeps the latest values, so order matters
                }
            }
        }
        return sent;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
