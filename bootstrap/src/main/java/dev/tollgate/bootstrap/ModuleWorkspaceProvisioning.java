package dev.tollgate.bootstrap;

import dev.tollgate.billing.api.BillingNamespacesApi;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.tenancy.api.spi.WorkspaceProvisioning;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * A new workspace's services: {@code billing} sets up its own namespace's billing (sandbox app, default profile),
 * {@code entitlements} makes sure it stands on a tier (it starts on one in the creating transaction; a workspace made
 * before that, or whose tier went missing, is put on the initial tier).
 */
@Singleton
final class ModuleWorkspaceProvisioning implements WorkspaceProvisioning {
    static final String BILLING = "billing";
    static final String ENTITLEMENTS = "entitlements";
    private final BillingNamespacesApi billing;
    private final EntitlementsApi entitlements;
    private final TierChanges tiers;
    private final String initialTier;

    ModuleWorkspaceProvisioning(BillingNamespacesApi billing, EntitlementsApi entitlements, TierChanges tiers,
                                @Value("${tollgate.tiers.initial:starter}") String initialTier) {
        this.billing = billing;
        this.entitlements = entitlements;
        this.tiers = tiers;
        this.initialTier = initialTier;
    }

    @Override
    public List<String> services() {
        return List.of(BILLING, ENTITLEMENTS);
    }

    @Override
    public void provision(String service, UUID organizationId, String organizationPublicId) {
        switch (service) {
            case BILLING -> billing.setUp(organizationId);
            case ENTITLEMENTS -> {
                String tier = entitlements.limitsOf(organizationPublicId).tier();
                if (tier == null || tier.isBlank()) {
                    tiers.move(organizationPublicId, initialTier, null, false);
                }
            }
            default -> throw new IllegalArgumentException("no such service: " + service);
        }
    }
}
