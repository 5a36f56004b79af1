package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.LineQuantities;
import dev.tollgate.billing.domain.pricing.RateCardPricing;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.FeatureInfo;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A line's usage, read from metering's meter for the customer's attributed subjects over the line's period — never
 * from a copy of the events (digest 003b §3.4). A progressive part measures up to its end and up to its start within
 * the service period and bills the difference, so non-additive meters (unique counts) stay right.
 */
@Singleton
class UsageQuantities {
    private final CatalogApi catalog;
    private final MeteringApi metering;

    UsageQuantities(CatalogApi catalog, MeteringApi metering) {
        this.catalog = catalog;
        this.metering = metering;
    }

    /**
     * The quantities of several lines (an invoice's), in their order: their features are read in one look-up and their
     * totals asked of metering together (one meter look-up), instead of a feature, a meter and a total per line.
     */
    List<LineQuantities> measureAll(UUID namespace, List<String> subjects, List<InvoiceLine> lines) {
        List<InvoiceLine> metered = lines.stream().filter(line -> RateCardPricing.metered(line.price())).toList();
        Map<String, FeatureInfo> features = metered.isEmpty() ? Map.of()
                : catalog.findLiveFeatures(namespace, metered.stream().map(InvoiceLine::featureKey).filter(Objects::nonNull).distinct().toList());
        List<MeteringApi.TotalAsk> asks = new ArrayList<>();
        Map<InvoiceLine, int[]> askOf = new IdentityHashMap<>(); // a line's asks: up to its end, and up to its start (-1: none)
        for (InvoiceLine line : metered) {
            FeatureInfo feature = features.containsKey(line.featureKey()) ? requireMeter(features.get(line.featureKey()))
                    : meteredFeature(namespace, line.featureKey()); // not a live key: refused as a single look-up refuses it
            Instant serviceStart = line.servicePeriod().from();
            int upToEnd = ask(asks, feature, subjects, serviceStart, line.period().to());
            int before = line.firstInServicePeriod() ? -1 : ask(asks, feature, subjects, serviceStart, line.period().from());
            askOf.put(line, new int[] {upToEnd, before});
        }
        List<BigDecimal> totals = asks.isEmpty() ? List.of() : metering.totals(namespace, asks);
        List<LineQuantities> out = new ArrayList<>();
        for (InvoiceLine line : lines) {
            int[] at = askOf.get(line);
            if (at == null) {
                out.add(LineQuantities.FLAT);
                continue;
            }
            BigDecimal upToEnd = total(totals, at[0]);
            if (at[1] < 0) {
                out.add(LineQuantities.measured(upToEnd, BigDecimal.ZERO));
            } else {
                BigDecimal before = total(totals, at[1]);
                out.add(LineQuantities.measured(upToEnd.subtract(before).max(BigDecimal.ZERO), before));
            }
        }
        return out;
    }

    /** Asks metering for the total over [from, to); -1 (zero) when there is nothing to count. */
    private static int ask(List<MeteringApi.TotalAsk> asks, FeatureInfo feature, List<String> subjects, Instant from, Instant to) {
        if (subjects.isEmpty() || !from.isBefore(to)) {
            return -1;
        }
        asks.add(new MeteringApi.TotalAsk(feature.meterSlug(), from, to, subjects, feature.filters()));
        return asks.size() - 1;
    }

    private static BigDecimal total(List<BigDecimal> totals, int at) {
        return at < 0 ? BigDecimal.ZERO : totals.get(at);
    }

    /** Refuses a usage price whose feature is unknown or has no meter: there would be nothing to count. */
    private FeatureInfo meteredFeature(UUID namespace, String featureKey) {
        if (featureKey == null) {
            throw new ValidationException("invoice_line_feature_has_no_meters",
                    List.of(new dev.tollgate.platform.domain.FieldError("rateCard/featureKey",
                            "a usage-based price needs the featureKey of a metered feature", "invoice_line_feature_has_no_meters")));
        }
        FeatureInfo feature = catalog.findFeature(namespace, featureKey).filter(f -> !f.archived()).orElseThrow(() ->
                new ValidationException("rate_card_feature_not_found", List.of(new dev.tollgate.platform.domain.FieldError(
                        "rateCard/featureKey", "no live feature has the key '" + featureKey + "'", "rate_card_feature_not_found"))));
        return requireMeter(feature);
    }

    private static FeatureInfo requireMeter(FeatureInfo feature) {
        if (feature.meterSlug() == null) {
            throw new ValidationException("invoice_line_feature_has_no_meters", List.of(new dev.tollgate.platform.domain.FieldError(
                    "rateCard/featureKey", "feature '" + feature.key() + "' has no meter to count usage with", "invoice_line_feature_has_no_meters")));
        }
        return feature;
    }

}
