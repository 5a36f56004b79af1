package dev.tollgate.metering.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** OpenMeter's info and debug endpoints. */
public interface MeteringInfoUseCase {

    /** ISO 4217 currencies with their minor-unit digits. */
    List<CurrencyInfo> currencies();

    /** OpenMetrics text: events ingested today (UTC) in the caller's namespace, by subject and type. */
    String debugMetrics(Caller caller);

    record CurrencyInfo(String code, String name, String symbol, int subunits) {
    }
}
