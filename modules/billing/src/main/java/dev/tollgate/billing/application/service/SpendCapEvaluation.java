package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.EvaluateSpendCapsUseCase;
import dev.tollgate.entitlements.api.SpendCapsApi;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices each capped organization's period (a read transaction) and reports the charges to entitlements (its own
 * transaction, under the cap's row lock): a slow pricing never holds the lock the cap's settings take.
 */
@Singleton
class SpendCapEvaluation implements EvaluateSpendCapsUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(SpendCapEvaluation.class);
    private final SpendCapsApi caps;
    private final SpendCharges charges;

    SpendCapEvaluation(SpendCapsApi caps, SpendCharges charges) {
        this.caps = caps;
        this.charges = charges;
    }

    @Override
    public int evaluateAll() {
        int evaluated = 0;
        for (String organization : caps.cappedOrganizations()) {
            try {
                evaluate(organization);
                evaluated++;
            } catch (RuntimeException e) {
                LOG.warn("Could not evaluate the spend cap of {}; its last state stays in force", organization, e);
            }
        }
        return evaluated;
    }

    @Override
    public void evaluate(String organizationPublicId) {
        charges.of(organizationPublicId).ifPresent(c -> caps.recordCharges(organizationPublicId, c.charges(),
                c.currency() == null ? "USD" : c.currency(), c.period().from(), c.period().to()));
    }
}
