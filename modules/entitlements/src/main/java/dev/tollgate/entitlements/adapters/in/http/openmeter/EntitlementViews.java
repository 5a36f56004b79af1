package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.entitlements.domain.BalanceHistory;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.platform.domain.Ulid;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entitlements, grants, values and history in OpenMeter's v1 and v2 shapes. */
final class EntitlementViews {
    private EntitlementViews() {
    }

    /** v2 names the customer (customerId, customerKey); v1 the subject (subjectKey). */
    static Map<String, Object> entitlement(EntitlementState state, boolean v2) {
        Entitlement e = state.entitlement();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", e.type().wire());
        out.put("id", Ulid.of(e.id()));
        out.put("featureKey", e.featureKey());
        out.put("featureId", Ulid.of(e.featureId()));
        if (v2) {
            out.put("customerId", Ulid.of(e.customerId()));
            putIfPresent(out, "customerKey", e.customerKey());
        } else {
            out.put("subjectKey", e.subjectKey());
        }
        putIfPresent(out, "metadata", e.metadata());
        putIfPresent(out, "annotations", e.annotations());
        out.put("activeFrom", e.activeFrom());
        putIfPresent(out, "activeTo", e.activeTo());
        out.put("createdAt", e.createdAt());
        out.put("updatedAt", e.updatedAt());
        putIfPresent(out, "deletedAt", e.deletedAt());
        if (e.metered()) {
            out.put("isSoftLimit", e.isSoftLimit());
            out.put("preserveOverageAtReset", e.preserveOverageAtReset());
            if (e.issueAmount() != null) {
                out.put("issueAfterReset", e.issueAmount());
                out.put("issueAfterResetPriority", e.issuePriority());
                if (v2) {
                    out.put("issue", Map.of("amount", e.issueAmount(), "priority", e.issuePriority()));
                }
            }
            if (!v2) {
                out.put("isUnlimited", false);
            }
            out.put("lastReset", state.periodFrom());
            out.put("measureUsageFrom", e.measureUsageFrom());
        }
        if (e.config() != null) {
            out.put("config", e.config());
        }
        if (state.usagePeriod() != null) {
            out.put("currentUsagePeriod", period(state.periodFrom(), state.periodTo()));
            out.put("usagePeriod", recurringPeriod(state.usagePeriod()));
        }
        return out;
    }

    static Map<String, Object> grant(Grant g, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Ulid.of(g.id()));
        out.put("entitlementId", Ulid.of(g.entitlementId()));
        out.put("amount", g.amount());
        out.put("priority", g.priority());
        out.put("effectiveAt", g.effectiveAt());
        if (g.expirationDuration() != null) {
            out.put("expiration", Map.of("duration", g.expirationDuration(), "count", g.expirationCount()));
        }
        putIfPresent(out, "expiresAt", g.expiresAt());
        out.put("maxRolloverAmount", g.maxRollover());
        out.put("minRolloverAmount", g.minRollover());
        putIfPresent(out, "metadata", g.metadata());
        putIfPresent(out, "annotations", g.annotations());
        if (g.recurrence() != null) {
            out.put("recurrence", recurringPeriod(g.recurrence()));
            if (g.activeAt(now) || now.isBefore(g.effectiveAt())) {
                out.put("nextRecurrence", g.nextRecurrence(now));
            }
        }
        putIfPresent(out, "voidedAt", g.voidedAt());
        out.put("createdAt", g.createdAt());
        out.put("updatedAt", g.updatedAt());
        putIfPresent(out, "deletedAt", g.deletedAt());
        return out;
    }

    /**
     * The v1 grant, whose {@code expiration} is required: v1 could not create a grant that never expires, but v2 can,
     * and v1 has no word for "never". Such a grant shows the longest period v1 can name (100 years), so a v1 client
     * reads it as not expiring within any horizon it plans for; {@code expiresAt} stays absent, as it is.
     */
    static Map<String, Object> grantV1(Grant g, Instant now) {
        Map<String, Object> out = grant(g, now);
        out.putIfAbsent("expiration", Map.of("duration", "YEAR", "count", 100));
        return out;
    }

    static Map<String, Object> value(EntitlementValue v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hasAccess", v.hasAccess());
        putIfPresent(out, "balance", v.balance());
        putIfPresent(out, "usage", v.usage());
        putIfPresent(out, "overage", v.overage());
        putIfPresent(out, "totalAvailableGrantAmount", v.totalAvailableGrantAmount());
        putIfPresent(out, "config", v.config());
        return out;
    }

    static Map<String, Object> history(BalanceHistory h) {
        List<Map<String, Object>> windows = h.windows().stream().map(w -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("period", period(w.from(), w.to()));
            out.put("usage", w.usage());
            out.put("balanceAtStart", w.balanceAtStart());
            return out;
        }).toList();
        List<Map<String, Object>> segments = h.segments().stream().map(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("period", period(s.from(), s.to()));
            out.put("usage", s.usage());
            out.put("overage", s.overage());
            out.put("balanceAtStart", s.balanceAtStart());
            out.put("grantBalancesAtStart", byGrant(s.grantBalancesAtStart()));
            out.put("balanceAtEnd", s.balanceAtEnd());
            out.put("grantBalancesAtEnd", byGrant(s.grantBalancesAtEnd()));
            out.put("grantUsages", s.grantUsages().entrySet().stream()
                    .map(u -> Map.<String, Object>of("grantId", Ulid.of(u.getKey()), "usage", u.getValue())).toList());
            return out;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("windowedHistory", windows);
        out.put("burndownHistory", segments);
        return out;
    }

    private static Map<String, Object> byGrant(Map<java.util.UUID, java.math.BigDecimal> balances) {
        Map<String, Object> out = new LinkedHashMap<>();
        balances.forEach((id, amount) -> out.put(Ulid.of(id), amount));
        return out;
    }

    private static Map<String, Object> period(Instant from, Instant to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        return out;
    }

    private static Map<String, Object> recurringPeriod(UsagePeriod p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("interval", p.intervalName());
        out.put("intervalISO", p.interval().text());
        out.put("anchor", p.anchor());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String field, Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
