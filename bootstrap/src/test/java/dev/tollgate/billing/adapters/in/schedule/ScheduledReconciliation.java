package dev.tollgate.billing.adapters.in.schedule;

import io.micronaut.context.ApplicationContext;

/**
 * Runs one round of the package-private {@link BillingReconcileJob} as its timer would, so a test exercises the
 * scheduled path without waiting for the timer.
 */
public final class ScheduledReconciliation {
    private ScheduledReconciliation() {
    }

    public static void runOnce(ApplicationContext context) {
        context.getBean(BillingReconcileJob.class).run();
    }
}
