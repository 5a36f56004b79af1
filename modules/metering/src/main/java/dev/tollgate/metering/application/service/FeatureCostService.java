package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase;
import dev.tollgate.metering.api.spi.CostedFeatures;
import dev.tollgate.metering.api.spi.CostedFeatures.CostedFeature;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A feature's cost: its meter queried as queryMeter would (same parameters, same authorization), restricted to the
 * feature's filters, each row's usage times the feature's manual unit cost (in USD, as OpenMeter states it). An LLM
 * unit cost needs a price table Tollgate does not have: those rows carry no cost and say so.
 */
@Singleton
class FeatureCostService implements QueryFeatureCostUseCase {
    static final String CURRENCY = "USD";
    private final Namespaces namespaces;
    private final CostedFeatures features;
    private final QueryMetersUseCase meters;

    FeatureCostService(Namespaces namespaces, CostedFeatures features, QueryMetersUseCase meters) {
        this.namespaces = namespaces;
        this.features = features;
        this.meters = meters;
    }

    @Override
    public FeatureCost cost(Caller caller, String featureIdOrKey, MeterQuery query, String clientId) {
        CostedFeature feature = features.find(namespaces.require(caller, Capability.READ_METERS), featureIdOrKey)
                .orElseThrow(() -> NotFoundException.of("Feature", featureIdOrKey));
        if (feature.meterSlug() == null) {
            throw new ValidationException("featureId", "feature '" + feature.key() + "' has no meter, so it has no usage to cost");
        }
        if (feature.unitCost() == null) {
            throw new ValidationException("featureId", "feature '" + feature.key() + "' has no unit cost; set unitCost on the feature");
        }
        BigDecimal amount = feature.manualAmount();
        String detail = amount == null ? "no price for this row: " + feature.unitCost().get("type")
                + " unit costs need a price table Tollgate does not have" : null;
        var rows = meters.query(caller, feature.meterSlug(), restricted(query, feature), clientId).stream()
                .map(row -> new CostRow(row, amount == null ? null : row.value().multiply(amount), detail)).toList();
        return new FeatureCost(CURRENCY, rows);
    }

    /** The query with the feature's own filters added: on a dimension both filter, a row must pass both. */
    private static MeterQuery restricted(MeterQuery query, CostedFeature feature) {
        Map<String, TextFilter> filters = new LinkedHashMap<>(query.filterGroupBy());
        if (feature.filters() != null) {
            feature.filters().forEach((key, filter) -> {
                TextFilter own = TextFilter.parse("feature filter " + key, filter);
                filters.merge(key, own, (asked, featured) -> new TextFilter.All(java.util.List.of(featured, asked)));
            });
        }
        return new MeterQuery(query.from(), query.to(), query.windowSize(), query.windowTimeZone(), query.subjects(), query.groupBy(), filters,
                query.filterCustomerIds(), query.customerBySubject());
    }
}
