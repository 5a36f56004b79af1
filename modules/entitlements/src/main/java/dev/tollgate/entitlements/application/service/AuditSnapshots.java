package dev.tollgate.entitlements.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.platform.domain.Ulid;
import java.util.Map;

/** What the audit log keeps of each entitlements resource before and after a change: terms and dates, never a secret. */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(Entitlement e) {
        return fields("type", e.type().wire(), "feature_key", e.featureKey(), "customer_id", e.customerId() == null ? null : Ulid.of(e.customerId()),
                "customer_key", e.customerKey(), "subject_key", e.subjectKey(), "is_soft_limit", e.isSoftLimit(), "issue_amount", e.issueAmount(),
                "usage_period", e.usagePeriod() == null ? null : e.usagePeriod().intervalName(), "active_from", e.activeFrom(),
                "active_to", e.activeTo(), "metadata", e.metadata(), "deleted_at", e.deletedAt());
    }

    static Map<String, Object> of(Grant g) {
        return fields("entitlement_id", Ulid.of(g.entitlementId()), "amount", g.amount(), "priority", g.priority(), "effective_at", g.effectiveAt(),
                "expires_at", g.expiresAt(), "max_rollover", g.maxRollover(), "metadata", g.metadata(), "voided_at", g.voidedAt());
    }

    static Map<String, Object> of(WorkspacePackage p) {
        return fields("kind", p.kind(), "product_key", p.productKey(), "product_code", p.productCode(), "product_name", p.productName(),
                "status", p.status(), "status_reason", p.statusReason(), "expires_at", p.expiresAt(),
                "billing_cycle_anchor", p.billingCycleAnchor(), "blesta_service_id", p.blestaServiceId());
    }

    /** Who an entitlement is for, for a summary. */
    static String holder(Entitlement e) {
        return e.customerKey() != null ? "customer '" + e.customerKey() + "'" : e.subjectKey() != null ? "subject '" + e.subjectKey() + "'"
                : "customer " + Ulid.of(e.customerId());
    }
}
