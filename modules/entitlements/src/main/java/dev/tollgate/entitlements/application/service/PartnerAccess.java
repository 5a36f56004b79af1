package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Who may act on other people's workspaces through php-tenant's entitlement routes: the operator, and API keys of the
 * billing partners the deployment names. Everyone else acts only within their own organization.
 */
@Singleton
class PartnerAccess {
    private final TenancyApi tenancy;
    private final ProvisioningSettings settings;

    PartnerAccess(TenancyApi tenancy, ProvisioningSettings settings) {
        this.tenancy = tenancy;
        this.settings = settings;
    }

    boolean isPartner(Caller caller) {
        return caller.kind() == Caller.Kind.OPERATOR
                || caller.kind() == Caller.Kind.API_KEY && settings.partners().contains(caller.organizationId());
    }

    /**
     * Checks that {@code caller} is an API key with {@code capability}'s scope in its own organization (the operator
     * always passes); returns whether it is a partner's.
     */
    boolean requireApiKey(Caller caller, Capability capability) {
        if (caller.kind() == Caller.Kind.OPERATOR) {
            return true;
        }
        if (caller.kind() != Caller.Kind.API_KEY) {
            throw new ForbiddenException("api_key_required", "This route takes an API key (Authorization: Bearer <key>)");
        }
        tenancy.requireOrganizationAccess(caller, caller.organizationId(), capability);
        return isPartner(caller);
    }

    /** The partner a provisioning caller acts for (the system namespace for the operator); forbidden for anyone else. */
    UUID requireProvisioner(Caller caller) {
        if (!requireApiKey(caller, Capability.MANAGE_ENTITLEMENTS)) {
            throw new ForbiddenException("not_a_partner", "This API key's organization is not a provisioning partner; the operator names partners"
                    + " in tollgate.provisioning.partners");
        }
        return caller.organizationId();
    }
}
