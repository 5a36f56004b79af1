package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.Tier;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** Tollgate's own tiers: the active plans of the system namespace. */
public interface ListTiersUseCase {
    /** The tiers a customer can sign up for themselves, cheapest first (enterprise is assigned by staff). */
    List<Tier> selfServe(Caller caller);
}
