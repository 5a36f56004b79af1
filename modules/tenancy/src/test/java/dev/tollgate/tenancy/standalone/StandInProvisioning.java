package dev.tollgate.tenancy.standalone;

import dev.tollgate.tenancy.api.spi.WorkspaceProvisioning;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tenancy's tests have no other modules to set up: two services that do nothing, and billing fails while
 * {@link #FAIL_BILLING} is set, so a test can see a failure and its retry.
 */
@Singleton
public final class StandInProvisioning implements WorkspaceProvisioning {
    public static final AtomicBoolean FAIL_BILLING = new AtomicBoolean();

    @Override
    public List<String> services() {
        return List.of("billing", "entitlements");
    }

    @Override
    public void provision(String service, UUID organizationId, String organizationPublicId) {
        if (service.equals("billing") && FAIL_BILLING.get()) {
            throw new IllegalStateException("the billing service is unreachable");
        }
    }
}
