package dev.tollgate.entitlements.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An amount of usage granted to a metered entitlement, active over [effectiveAt, min(expiresAt, voidedAt, deletedAt)).
 * At each reset its balance becomes {@code min(maxRollover, max(minRollover, balance))}; at each recurrence it is
 * refilled to {@code amount}. Grants never change; they expire, are voided or deleted.
 */
public record Grant(UUID id, UUID namespace, UUID entitlementId, BigDecimal amount, int priority, Instant effectiveAt,
                    String expirationDuration, Integer expirationCount, Instant expiresAt, BigDecimal maxRollover, BigDecimal minRollover,
                    UsagePeriod recurrence, Map<String, String> metadata, Map<String, Object> annotations, Instant createdAt,
                    Instant updatedAt, Instant deletedAt, Instant voidedAt) {
    private static final Set<String> DURATIONS = Set.of("HOUR", "DAY", "WEEK", "MONTH", "YEAR");

    /**
     * Burn-down order: priority (lower first), then the grant expiring first (never-expiring last), then the oldest,
     * then by id, so two computations always agree.
     */
    public static final Comparator<Grant> BURN_DOWN_ORDER = Comparator.comparingInt(Grant::priority)
            .thenComparing(Grant::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Grant::createdAt)
            .thenComparing(Grant::id);

    /**
     * A grant from OpenMeter's create input. v1 requires an expiration and rolls nothing over by default; v2 may
     * never expire and by default rolls over up to its amount.
     */
    public static Grant read(DocumentReader r, Map<String, Object> doc, String path, UUID namespace, UUID entitlementId, boolean v2,
                             Instant now) {
        BigDecimal amount = r.number(doc, path, "amount");
        if (amount == null && doc.get("amount") == null) {
            r.fail(DocumentReader.at(path, "amount"), "field_required", "is required");
        } else if (amount != null && amount.signum() <= 0) {
            r.fail(DocumentReader.at(path, "amount"), "grant_amount_must_be_positive", "amount must be positive");
        }
        Integer priority = r.whole(doc, path, "priority", 1, 255, "must be a whole number from 1 (used first) to 255");
        Instant effectiveAt = r.time(doc, path, "effectiveAt", true);
        effectiveAt = effectiveAt == null ? null : effectiveAt.truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> expiration = r.object(doc, path, "expiration", !v2);
        String duration = null;
        Integer count = null;
        if (expiration != null) {
            String at = DocumentReader.at(path, "expiration");
            duration = r.oneOf(expiration, at, "duration", DURATIONS, null);
            count = r.whole(expiration, at, "count", 1, 1000, "must be a whole number from 1 to 1000");
            if (count == null && expiration.get("count") == null) {
                r.fail(DocumentReader.at(at, "count"), "field_required", "is required");
            }
        }
        BigDecimal max = r.number(doc, path, "maxRolloverAmount");
        BigDecimal min = r.number(doc, path, "minRolloverAmount");
        if (max == null) {
            max = v2 && amount != null ? amount : BigDecimal.ZERO;
        }
        if (min == null) {
            min = BigDecimal.ZERO;
        }
        if (max.signum() < 0 || min.signum() < 0) {
            r.fail(DocumentReader.at(path, "maxRolloverAmount"), "invalid_value", "rollover amounts must not be negative");
        } else if (min.compareTo(max) > 0) {
            r.fail(DocumentReader.at(path, "minRolloverAmount"), "invalid_value", "minRolloverAmount must not exceed maxRolloverAmount");
        }
        UsagePeriod recurrence = null;
        Map<String, Object> recurrenceDoc = r.object(doc, path, "recurrence", false);
        if (recurrenceDoc != null) {
            recurrence = UsagePeriod.read(r, recurrenceDoc, DocumentReader.at(path, "recurrence"), effectiveAt == null ? now : effectiveAt);
        }
        Map<String, Object> annotations = v2 ? r.object(doc, path, "annotations", false) : null;
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = effectiveAt == null || duration == null || count == null ? null : expiry(effectiveAt, duration, count);
        return new Grant(TypeId.newUuid(), namespace, entitlementId, amount, priority == null ? 1 : priority, effectiveAt,
                duration, count, expiresAt, max, min, recurrence, r.metadata(doc, path), annotations, created, created, null, null);
    }

    /**
     * An add-on package's allowance on an entitlement the workspace already has: {@code amount} every usage period
     * (no rollover), from the current period's start until {@code expiresAt} (null: until voided).
     */
    public static Grant provisioned(Entitlement e, BigDecimal amount, int priority, Instant expiresAt, Map<String, Object> annotations,
                                    Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        Instant from = e.currentPeriodStart(now.truncatedTo(ChronoUnit.MINUTES));
        return new Grant(TypeId.newUuid(), e.namespace(), e.id(), amount, priority, from, null, null,
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS), BigDecimal.ZERO, BigDecimal.ZERO, e.usagePeriod(), null,
                annotations, created, created, null, null);
    }

    /** The grant an entitlement's {@code issueAfterReset} creates: restored to {@code amount} at every reset. */
    public static Grant issuedAfterReset(Entitlement e, Instant effectiveAt, Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        return new Grant(TypeId.newUuid(), e.namespace(), e.id(), e.issueAmount(), e.issuePriority(), effectiveAt, null, null, null,
                e.issueAmount(), e.issueAmount(), null, null, Map.of("issueAfterReset", true), created, created, null, null);
    }

    private static Instant expiry(Instant from, String duration, int count) {
        ZonedDateTime start = ZonedDateTime.ofInstant(from, ZoneOffset.UTC);
        ZonedDateTime end = switch (duration) {
            case "HOUR" -> start.plusHours(count);
            case "DAY" -> start.plusDays(count);
            case "WEEK" -> start.plusWeeks(count);
            case "MONTH" -> start.plusMonths(count);
            default -> start.plusYears(count);
        };
        return end.toInstant();
    }

    /** When the grant stops counting: the earliest of expiry, void and deletion; null for never. */
    public Instant endsAt() {
        Instant end = expiresAt;
        for (Instant t : new Instant[] {voidedAt, deletedAt}) {
            if (t != null && (end == null || t.isBefore(end))) {
                end = t;
            }
        }
        return end;
    }

    public boolean activeAt(Instant t) {
        Instant end = endsAt();
        return !effectiveAt.isAfter(t) && (end == null || t.isBefore(end));
    }

    /** Whether the grant is refilled at {@code t}: a recurrence boundary after it took effect, while it is active. */
    public boolean recursAt(Instant t) {
        return recurrence != null && t.isAfter(effectiveAt) && activeAt(t) && recurrence.startOf(t).equals(t);
    }

    /** The next refill after {@code t}, if the grant recurs. */
    public Instant nextRecurrence(Instant t) {
        return recurrence == null ? null : recurrence.nextAfter(t.isBefore(effectiveAt) ? effectiveAt : t);
    }

    /**
     * A package's grant following its package: in force again (not voided) until {@code expiresAt}. Only grants
     * Tollgate makes for packages change like this, so a renewal or an unsuspension never hands the allowance out twice.
     */
    public Grant resumedUntil(Instant newExpiresAt, Instant now) {
        return new Grant(id, namespace, entitlementId, amount, priority, effectiveAt, expirationDuration, expirationCount,
                newExpiresAt == null ? null : newExpiresAt.truncatedTo(ChronoUnit.MICROS), maxRollover, minRollover, recurrence, metadata,
                annotations, createdAt, now.truncatedTo(ChronoUnit.MICROS), deletedAt, null);
    }

    public Grant voided(Instant at, Instant now) {
        return new Grant(id, namespace, entitlementId, amount, priority, effectiveAt, expirationDuration, expirationCount, expiresAt, maxRollover,
                minRollover, recurrence, metadata, annotations, createdAt, now.truncatedTo(ChronoUnit.MICROS), deletedAt, at);
    }
}
