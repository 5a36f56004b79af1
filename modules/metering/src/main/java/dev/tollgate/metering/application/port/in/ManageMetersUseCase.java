package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.Meter;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** OpenMeter's meters in the caller's namespace, addressed by ULID or slug. */
public interface ManageMetersUseCase {

    List<Meter> list(Caller caller, boolean includeDeleted);

    Meter create(Caller caller, MeterDefinition definition);

    Meter get(Caller caller, String idOrSlug);

    Meter update(Caller caller, String idOrSlug, String name, String description, Map<String, String> groupBy,
                 Map<String, String> metadata);

    void delete(Caller caller, String idOrSlug);

    record MeterDefinition(String slug, String name, String description, String aggregation, String eventType,
                           Instant eventFrom, String valueProperty, Map<String, String> groupBy, Map<String, String> metadata) {
    }
}
