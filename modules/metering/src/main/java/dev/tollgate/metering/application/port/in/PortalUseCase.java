package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.metering.domain.PortalToken;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;

/** OpenMeter's consumer portal: tokens issued by the namespace, and the usage query their bearers may run. */
public interface PortalUseCase {

    PortalToken.Issued create(Caller caller, String subject, List<String> allowedMeterSlugs, Instant expiresAt);

    List<PortalToken> list(Caller caller, int limit);

    void invalidate(Caller caller, String id, String subject);

    /** The query of the token's subject on one meter; 401 for a missing, unknown, expired or invalidated token. */
    List<MeterQueryRow> query(String bearerToken, String meterSlug, MeterQuery query);
}
