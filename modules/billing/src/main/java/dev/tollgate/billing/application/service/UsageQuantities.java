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
import java.time.ZoneOffset;
import java.util.List;
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

    LineQuantities measure(UUID namespace, List<String> subjects, InvoiceLine line) {
        if (!RateCardPricing.metered(line.price())) {
            return LineQuantities.FLAT;
        }
        FeatureInfo feature = meteredFeature(namespace, line.featureKey());
        Instant serviceStart = line.servicePeriod().from();
        BigDecimal upToEnd = total(namespace, feature, subjects, serviceStart, line.period().to());
        if (line.firstInServicePeriod()) {
            return LineQuantities.measured(upToEnd, BigDecimal.ZERO);
        }
        BigDecimal before = total(namespace, feature, subjects, serviceStart, line.period().from());
        return LineQuantities.measured(upToEnd.subtract(before).max(BigDecimal.ZERO), before);
    }

    /** Refuses a usage price whose feature is unknown or has no meter: there would be nothing to count. */
    FeatureInfo meteredFeature(UUID namespace, String featureKey) {
        if (featureKey == null) {
            throw new ValidationException("invoice_line_feature_has_no_meters",
                    List.of(new dev.tollgate.platform.domain.FieldError("rateCard/featureKey",
                            "a usage-based price needs the featureKey of a metered feature", "invoice_line_feature_has_no_meters")));
        }
        FeatureInfo feature = catalog.findFeature(namespace, featureKey).filter(f -> !f.archived()).orElseThrow(() ->
                new ValidationException("rate_card_feature_not_found", List.of(new dev.tollgate.platform.domain.FieldError(
                        "rateCard/featureKey", "no live feature has the key '" + featureKey + "'", "rate_card_feature_not_found"))));
        if (feature.meterSlug() == null) {
            throw new ValidationException("invoice_line_feature_has_no_meters", List.of(new dev.tollgate.platform.domain.FieldError(
                    "rateCard/featureKey", "feature '" + featureKey + "' has no meter to count usage with", "invoice_line_feature_has_no_meters")));
        }
        return feature;
    }

    private BigDecimal total(UUID namespace, FeatureInfo feature, List<String> subjects, Instant from, Instant to) {
        if (subjects.isEmpty() || !from.isBefore(to)) {
            return BigDecimal.ZERO;
        }
        return metering.usage(namespace, feature.meterSlug(), from, to, null, ZoneOffset.UTC, subjects, feature.filters()).stream()
                .map(MeteringApi.WindowValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
