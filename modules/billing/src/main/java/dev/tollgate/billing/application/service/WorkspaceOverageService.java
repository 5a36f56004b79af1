package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageWorkspaceOverageUseCase;
import dev.tollgate.billing.application.port.out.PaymentMethods;
import dev.tollgate.billing.application.service.WorkspaceBilling.Workspace;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.SpendCapsApi;
import dev.tollgate.entitlements.api.SpendCapsApi.SpendCapState;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

@Singleton
class WorkspaceOverageService implements ManageWorkspaceOverageUseCase {
    private static final BigDecimal CENTS = BigDecimal.valueOf(100);
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
    private final WorkspaceBilling workspaces;
    private final SpendCapsApi caps;
    private final EntitlementsApi entitlements;
    private final CatalogApi catalog;
    private final PaymentMethods payments;

    private final AuditTrail audit;

    WorkspaceOverageService(WorkspaceBilling workspaces, SpendCapsApi caps, EntitlementsApi entitlements, CatalogApi catalog,
                            PaymentMethods payments, AuditTrail audit) {
        this.audit = audit;
        this.workspaces = workspaces;
        this.caps = caps;
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.payments = payments;
    }

    @Override
    @Transactional(readOnly = true)
    public Overage get(Caller caller, String workspaceSlug) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_ORGANIZATION);
        return overage(workspace, caps.spendCapOf(workspace.organization().publicId()));
    }

    @Override
    @Transactional
    public Overage update(Caller caller, String workspaceSlug, boolean enabled, boolean capGiven, Long spendingCapCents) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.MANAGE_BILLING);
        if (capGiven && spendingCapCents != null && spendingCapCents < 0) {
            throw new ValidationException("overageSpendingCapCents", "must not be negative");
        }
        String organization = workspace.organization().publicId();
        SpendCapState before = caps.spendCapOf(organization);
        if (enabled && !before.overageEnabled() && !payments.hasDefault(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId())) {
            throw new ValidationException("overageEnabled", "overage billing needs a default payment method; add one first");
        }
        BigDecimal cap = capGiven ? (spendingCapCents == null ? null : BigDecimal.valueOf(spendingCapCents).movePointLeft(2)) : before.spendLimit();
        SpendCapState after = caps.setOverage(organization, enabled, cap);
        boolean capChanged = before.spendLimit() == null ? after.spendLimit() != null
                : after.spendLimit() == null || before.spendLimit().compareTo(after.spendLimit()) != 0;
        if (before.overageEnabled() != after.overageEnabled() || capChanged) {
            audit.record(caller, workspace.organization().id(), AuditTrail.Change.updated("overage_settings", organization, "Overage billing "
                    + (after.overageEnabled() ? "enabled" : "disabled") + (after.spendLimit() == null ? ", no spending cap"
                    : ", spending cap " + after.spendLimit().toPlainString() + " " + after.currency()),
                    AuditTrail.fields("overage_enabled", before.overageEnabled(), "spending_cap", before.spendLimit()),
                    AuditTrail.fields("overage_enabled", after.overageEnabled(), "spending_cap", after.spendLimit())));
        }
        return overage(workspace, after);
    }

    private Overage overage(Workspace workspace, SpendCapState cap) {
        Long cents = cap.spendLimit() == null ? null : cap.spendLimit().multiply(CENTS).setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Overage(cap.overageEnabled(), cents, cap.overageEnabled() ? cap.overageEnabledAt() : null,
                payments.hasDefault(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId()), rates(workspace.organization().publicId()));
    }

    /**
     * The tier plan's usage prices per unit under Centrali's names: a query is an execution, a connection second a CPU
     * second, a GiB transferred the GB Tollgate bills (it stores nothing). Memory and blob storage have no price.
     */
    private Map<String, BigDecimal> rates(String organizationPublicId) {
        String tier = entitlements.limitsOf(organizationPublicId).tier();
        var plan = catalog.planVersion(TenancyApi.SYSTEM_NAMESPACE, tier, null).orElse(null);
        if (plan == null || plan.phases().isEmpty()) {
            return null;
        }
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (Map<String, Object> card : plan.phases().get(plan.phases().size() - 1).rateCards()) {
            String name = switch (String.valueOf(card.get("featureKey"))) {
                case "queries" -> "executions";
                case "connection_seconds" -> "cpuSeconds";
                case "bytes_per_month" -> "storagePerGb";
                default -> null;
            };
            BigDecimal price = name == null ? null : priceOf(card.get("price"), "storagePerGb".equals(name) ? GIB : BigDecimal.ONE);
            if (price != null) {
                rates.put(name, price);
            }
        }
        return rates.isEmpty() ? null : rates;
    }

    /** A unit or package price's amount per {@code unit} units; null for anything else (flat fees, tiers) or no price. */
    private static BigDecimal priceOf(Object price, BigDecimal unit) {
        if (!(price instanceof Map<?, ?> p) || p.get("amount") == null) {
            return null;
        }
        BigDecimal amount = new BigDecimal(p.get("amount").toString());
        return switch (String.valueOf(p.get("type"))) {
            case "unit" -> amount.multiply(unit).stripTrailingZeros();
            case "package" -> amount.multiply(unit).divide(new BigDecimal(p.get("quantityPerPackage").toString()), MathContext.DECIMAL64)
                    .stripTrailingZeros();
            default -> null;
        };
    }
}
