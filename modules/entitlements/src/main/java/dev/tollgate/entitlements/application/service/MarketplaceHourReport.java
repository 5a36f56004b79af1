package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.out.MarketplaceMetering;
import dev.tollgate.entitlements.application.port.out.MarketplaceMetering.Dimension;
import dev.tollgate.entitlements.application.port.out.MarketplaceMetering.HourUsage;
import dev.tollgate.entitlements.application.port.out.MarketplaceMetering.MeteredAccount;
import dev.tollgate.entitlements.application.port.out.UsageReportLedger;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.metering.api.MeteringApi.TotalAsk;
import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one account's usage of one hour: the ledger row and the vendor's call in one transaction, so the hour is
 * recorded as sent exactly when the vendor took it (a failed call rolls the row back).
 */
@Singleton
class MarketplaceHourReport {
    /** The proxy's meters in the system namespace (metering V4) a marketplace bill is made of: name, label, units, meter. */
    private static final List<Measured> MEASURED = List.of(new Measured("queries", "Queries", "queries", "proxy_queries"),
            new Measured("data_transfer", "Data transfer", "bytes", "proxy_bytes_to_client"));

    private record Measured(String name, String label, String units, String meter) {
    }

    private final Map<MarketplaceAccount.Provider, MarketplaceMetering> vendors = new java.util.EnumMap<>(
            MarketplaceAccount.Provider.class);
    private final UsageReportLedger ledger;
    private final MeteringApi metering;
    private final CustomerResolver customers;
    private final SecretBox box;

    MarketplaceHourReport(List<MarketplaceMetering> vendors, UsageReportLedger ledger, MeteringApi metering, CustomerResolver customers,
                          SecretBox box) {
        vendors.forEach(v -> this.vendors.put(v.provider(), v));
        this.ledger = ledger;
        this.metering = metering;
        this.customers = customers;
        this.box = box;
    }

    /** False when the hour was already sent. */
    @Transactional
    public boolean send(MarketplaceAccount account, Instant hour, Instant now) {
        MarketplaceMetering vendor = vendors.get(account.provider());
        if (vendor == null) {
            throw new IllegalStateException("no metering adapter for " + account.provider().key());
        }
        HourUsage usage = measure(account, hour);
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        usage.dimensions().forEach(d -> quantities.put(d.name(), d.hour()));
        if (!ledger.record(account.provider(), account.externalId(), hour, quantities, now)) {
            return false;
        }
        String token = account.accessTokenSealed() == null ? null : box.open(account.accessTokenSealed(), VercelMarketplace.tokenContext(account));
        vendor.report(new MeteredAccount(account.externalId(), account.productCode(), token), usage);
        return true;
    }

    private HourUsage measure(MarketplaceAccount account, Instant hour) {
        Instant end = hour.plus(1, ChronoUnit.HOURS);
        Instant day = hour.truncatedTo(ChronoUnit.DAYS);
        Instant month = YearMonth.from(hour.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> subjects = List.copyOf(customers.resolve(TenancyApi.SYSTEM_NAMESPACE,
                CustomerRef.customer(TypeId.format("org", account.organizationId()))).subjects());
        List<Dimension> dimensions = new ArrayList<>();
        if (subjects.isEmpty()) {
            // No subjects would mean every subject to metering: an organization without any has used nothing.
            MEASURED.forEach(m -> dimensions.add(new Dimension(m.name(), m.label(), m.units(), BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO)));
            return new HourUsage(hour, dimensions);
        }
        List<TotalAsk> asks = new ArrayList<>();
        for (Measured m : MEASURED) {
            asks.add(new TotalAsk(m.meter(), hour, end, subjects, Map.of()));
            asks.add(new TotalAsk(m.meter(), day, end, subjects, Map.of()));
            asks.add(new TotalAsk(m.meter(), month, end, subjects, Map.of()));
        }
        List<BigDecimal> totals = metering.totals(TenancyApi.SYSTEM_NAMESPACE, asks);
        for (int i = 0; i < MEASURED.size(); i++) {
            Measured m = MEASURED.get(i);
            dimensions.add(new Dimension(m.name(), m.label(), m.units(), totals.get(3 * i), totals.get(3 * i + 1), totals.get(3 * i + 2)));
        }
        return new HourUsage(hour, dimensions);
    }
}
