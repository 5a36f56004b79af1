package dev.tollgate.entitlements.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a customer may use of a feature: access ({@code boolean}), access with a configuration ({@code static}), or an
 * allowance of metered usage per usage period ({@code metered}) made of grants. Entitlements never change: override
 * replaces one, delete ends it (queries about earlier times still see it).
 */
public record Entitlement(UUID id, UUID namespace, UUID customerId, String customerKey, String subjectKey, UUID featureId, String featureKey,
                          EntitlementType type, Map<String, String> metadata, Map<String, Object> annotations, Instant activeFrom,
                          Instant activeTo, boolean isSoftLimit, BigDecimal issueAmount, int issuePriority, boolean preserveOverageAtReset,
                          UsagePeriod usagePeriod, Instant measureUsageFrom, String config, Instant createdAt, Instant updatedAt,
                          Instant deletedAt) {

    /** Who the entitlement is for, as the request named them. */
    public record Holder(UUID customerId, String customerKey, String subjectKey) {
    }

    /** The feature it is for: metered features have a meter. */
    public record FeatureRef(UUID id, String key, boolean metered) {
    }

    /** A new entitlement with the grants to create with it (its issue-after-reset grant, or v2's {@code grants}). */
    public record Created(Entitlement entitlement, List<Grant> grants) {
    }

    /** Reads OpenMeter's create input (v1 or v2), checks it against the feature, and makes the entitlement. */
    public static Created define(Map<String, Object> doc, UUID namespace, Holder holder, FeatureRef feature, boolean v2,
                                 Predicate<String> isJsonObject, Instant now) {
        DocumentReader r = new DocumentReader();
        String typeText = r.oneOf(doc, "", "type", Set.of("metered", "boolean", "static"), null);
        EntitlementType type = typeText == null ? null : EntitlementType.valueOf(typeText.toUpperCase(java.util.Locale.ROOT));
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> periodDoc = r.object(doc, "", "usagePeriod", type == EntitlementType.METERED);
        UsagePeriod period = periodDoc == null ? null : UsagePeriod.read(r, periodDoc, "usagePeriod", minute);
        boolean softLimit = r.bool(doc, "", "isSoftLimit", false);
        boolean preserveOverage = r.bool(doc, "", "preserveOverageAtReset", false);
        BigDecimal issue = r.number(doc, "", "issueAfterReset");
        Integer priority = r.whole(doc, "", "issueAfterResetPriority", 1, 255, "must be a whole number from 1 to 255");
        Map<String, Object> issueDoc = v2 ? r.object(doc, "", "issue", false) : null;
        if (issueDoc != null) {
            issue = r.number(issueDoc, "issue", "amount");
            priority = r.whole(issueDoc, "issue", "priority", 1, 255, "must be a whole number from 1 to 255");
            if (issue == null) {
                r.fail("issue/amount", "field_required", "is required");
            }
        }
        if (priority != null && issue == null) {
            r.fail("issueAfterResetPriority", "invalid_value", "issueAfterResetPriority needs issueAfterReset");
        }
        if (issue != null && issue.signum() < 0) {
            r.fail("issueAfterReset", "invalid_value", "must not be negative");
        }
        boolean hasGrants = v2 && doc.get("grants") != null;
        Instant measureFrom = null;
        String config = null;
        if (type == EntitlementType.METERED) {
            if (feature != null && !feature.metered()) {
                r.fail("featureKey", "feature_has_no_meter", "feature '" + feature.key() + "' has no meter; use a boolean or static entitlement");
            }
            if (doc.get("config") != null) {
                r.fail("config", "invalid_value", "a metered entitlement has no config");
            }
            if (hasGrants && issue != null) {
                r.fail("grants", "invalid_value", "issueAfterReset and grants cannot be used together");
            }
            measureFrom = measureUsageFrom(r, doc.get("measureUsageFrom"), period, minute);
        } else if (type != null) {
            for (String field : List.of("measureUsageFrom", "issueAfterReset", "issueAfterResetPriority", "issue", "grants")) {
                if (doc.get(field) != null) {
                    r.fail(field, "invalid_value", "only metered entitlements take " + field);
                }
            }
            issue = null;
            priority = null;
            if (type == EntitlementType.STATIC) {
                config = r.text(doc, "", "config", true, 65536);
                if (config != null && !isJsonObject.test(config)) {
                    r.fail("config", "invalid_json_config", "must be a JSON object written as a string, e.g. \"{\\\"seats\\\":5}\"");
                }
            } else if (doc.get("config") != null) {
                r.fail("config", "invalid_value", "a boolean entitlement has no config");
            }
        }
        Map<String, String> metadata = r.metadata(doc, "");
        r.throwIfFailed();
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        Entitlement e = new Entitlement(TypeId.newUuid(), namespace, holder.customerId(), holder.customerKey(), holder.subjectKey(), feature.id(),
                feature.key(), type, metadata, null, created, null, softLimit, issue, priority == null ? 1 : priority, preserveOverage,
                period, measureFrom, config, created, created, null);
        List<Grant> grants = new ArrayList<>();
        if (issue != null && issue.signum() > 0) {
            grants.add(Grant.issuedAfterReset(e, e.currentPeriodStart(minute), now));
        }
        if (hasGrants) {
            List<Map<String, Object>> items = r.objects(doc, "", "grants");
            for (int i = 0; i < items.size(); i++) {
                grants.add(Grant.read(r, items.get(i), "grants/" + i, namespace, e.id(), true, now));
            }
            r.throwIfFailed();
        }
        return new Created(e, grants);
    }

    private static Instant measureUsageFrom(DocumentReader r, Object value, UsagePeriod period, Instant minute) {
        if (value == null || "NOW".equals(value)) {
            return minute;
        }
        if ("CURRENT_PERIOD_START".equals(value)) {
            return period == null || period.interval() == null ? minute : period.startOf(minute);
        }
        Instant at = r.time(Map.of("measureUsageFrom", value), "", "measureUsageFrom", true);
        return at == null ? minute : at.truncatedTo(ChronoUnit.MINUTES);
    }

    public boolean metered() {
        return type == EntitlementType.METERED;
    }

    /** Active at {@code t}: started, not ended, not deleted (deletion is never retroactive). */
    public boolean activeAt(Instant t) {
        return !activeFrom.isAfter(t) && (activeTo == null || t.isBefore(activeTo)) && (deletedAt == null || t.isBefore(deletedAt));
    }

    /** The start of the usage period at {@code t} before any manual reset: usage before measureUsageFrom never counts. */
    Instant currentPeriodStart(Instant t) {
        if (usagePeriod == null) {
            return activeFrom;
        }
        Instant start = usagePeriod.startOf(t);
        return measureUsageFrom != null && start.isBefore(measureUsageFrom) ? measureUsageFrom : start;
    }

    public Entitlement deleted(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Entitlement(id, namespace, customerId, customerKey, subjectKey, featureId, featureKey, type, metadata, annotations, activeFrom,
                activeTo, isSoftLimit, issueAmount, issuePriority, preserveOverageAtReset, usagePeriod, measureUsageFrom, config, createdAt, at, at);
    }

    /** The same entitlement annotated (who made it and why, e.g. the tier and plan it comes from). */
    public Entitlement withAnnotations(Map<String, Object> newAnnotations) {
        return new Entitlement(id, namespace, customerId, customerKey, subjectKey, featureId, featureKey, type, metadata, Map.copyOf(newAnnotations),
                activeFrom, activeTo, isSoftLimit, issueAmount, issuePriority, preserveOverageAtReset, usagePeriod, measureUsageFrom, config,
                createdAt, updatedAt, deletedAt);
    }

    /**
     * The same entitlement in force until {@code until} (null: open-ended), as a provisioned package's expiry,
     * suspension and renewal move it; its grants and history stay.
     */
    public Entitlement activeUntil(Instant until, Instant now) {
        Instant end = until == null ? null : until.truncatedTo(ChronoUnit.MICROS);
        return new Entitlement(id, namespace, customerId, customerKey, subjectKey, featureId, featureKey, type, metadata, annotations,
                activeFrom, end, isSoftLimit, issueAmount, issuePriority, preserveOverageAtReset, usagePeriod, measureUsageFrom, config,
                createdAt, now.truncatedTo(ChronoUnit.MICROS), deletedAt);
    }
}
