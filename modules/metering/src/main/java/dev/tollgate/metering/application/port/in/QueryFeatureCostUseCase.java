package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.tenancy.api.Caller;
import java.math.BigDecimal;
import java.util.List;

/** OpenMeter's queryFeatureCost: a feature's meter usage (with the feature's filters) priced at its unit cost. */
public interface QueryFeatureCostUseCase {
    FeatureCost cost(Caller caller, String featureIdOrKey, MeterQuery query, String clientId);

    record FeatureCost(String currency, List<CostRow> rows) {
    }

    /** {@code cost} is null when it cannot be priced, with {@code detail} saying why. */
    record CostRow(MeterQueryRow usage, BigDecimal cost, String detail) {
    }
}
