package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.Map;

/**
 * php-tenant's provisioning API: a billing partner (an organization named in {@code tollgate.provisioning.partners},
 * through an API key with the {@code entitlements.write} scope) puts Tollgate tiers into people's workspaces and moves
 * them through their lifecycle. A partner sees only the packages it provisioned; the operator sees all.
 */
public interface ProvisionPackagesUseCase {
    /**
     * Finds or creates the user by email and their workspace, and provisions the package named by {@code product_code}.
     * Idempotent on {@code blesta_service_id}: a repeated request answers with the package it created the first time.
     */
    Provisioned create(Caller caller, Map<String, Object> body);

    Provisioned get(Caller caller, long id);

    Provisioned suspend(Caller caller, long id, String reason);

    Provisioned unsuspend(Caller caller, long id);

    Provisioned cancel(Caller caller, long id, String reason);

    /** Moves the expiry and/or the billing cycle anchor; the workspace's cycle-bound boosts end. */
    Provisioned renew(Caller caller, long id, Map<String, Object> body);

    /** A package with its workspace, and its status at the time of the answer. */
    record Provisioned(WorkspacePackage pkg, Workspace workspace, PackageStatus status) {
    }
}
