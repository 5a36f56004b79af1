package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.BillingHealth;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** PgBeam's GetBillingHealth: the platform operator's count of organizations per plan, provider and subscription status. */
public interface ReadBillingHealthUseCase {
    /** Only the operator (the internal secret) may ask. */
    List<BillingHealth.Segment> billingHealth(Caller caller);
}
