package dev.tollgate.entitlements.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.entitlements.domain.BalanceHistory;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Entitlements, grants, values and history in OpenMeter's v1 and v2 shapes. An entitlement shows the fields of its
 * type only (the metered ones, a static one's {@code config}); the others are null and so left out.
 */
final class EntitlementViews {
    private EntitlementViews() {
    }

    /** v1 names the subject ({@code subjectKey}, written even when the entitlement's customer has none). */
    @Serdeable
    record EntitlementView(String type, String id, String featureKey, String featureId,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String subjectKey, @Nullable Map<String, String> metadata,
                           @Nullable Map<String, Object> annotations, Instant activeFrom, @Nullable Instant activeTo, Instant createdAt,
                           Instant updatedAt, @Nullable Instant deletedAt, @Nullable Boolean isSoftLimit,
                           @Nullable Boolean preserveOverageAtReset, @Nullable BigDecimal issueAfterReset,
                           @Nullable Integer issueAfterResetPriority, @Nullable Boolean isUnlimited, @Nullable Instant lastReset,
                           @Nullable Instant measureUsageFrom, @Nullable String config, @Nullable Period currentUsagePeriod,
                           @Nullable RecurringPeriod usagePeriod) {
        static EntitlementView of(EntitlementState state) {
            Entitlement e = state.entitlement();
            Metered m = Metered.of(state);
            Periods p = Periods.of(state);
            return new EntitlementView(e.type().wire(), Ulid.of(e.id()), e.featureKey(), Ulid.of(e.featureId()), e.subjectKey(), e.metadata(),
                    e.annotations(), e.activeFrom(), e.activeTo(), e.createdAt(), e.updatedAt(), e.deletedAt(), m.isSoftLimit,
                    m.preserveOverageAtReset, m.issueAfterReset, m.issueAfterResetPriority, e.metered() ? Boolean.FALSE : null, m.lastReset,
                    m.measureUsageFrom, e.config(), p.current, p.usagePeriod);
        }
    }

    /** v2 names the customer ({@code customerId}, {@code customerKey}) and adds {@code issue}. */
    @Serdeable
    record EntitlementV2View(String type, String id, String featureKey, String featureId, String customerId, @Nullable String customerKey,
                             @Nullable Map<String, String> metadata, @Nullable Map<String, Object> annotations, Instant activeFrom,
                             @Nullable Instant activeTo, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt,
                             @Nullable Boolean isSoftLimit, @Nullable Boolean preserveOverageAtReset, @Nullable BigDecimal issueAfterReset,
                             @Nullable Integer issueAfterResetPriority, @Nullable Issue issue, @Nullable Instant lastReset,
                             @Nullable Instant measureUsageFrom, @Nullable String config, @Nullable Period currentUsagePeriod,
                             @Nullable RecurringPeriod usagePeriod) {
        static EntitlementV2View of(EntitlementState state) {
            Entitlement e = state.entitlement();
            Metered m = Metered.of(state);
            Periods p = Periods.of(state);
            return new EntitlementV2View(e.type().wire(), Ulid.of(e.id()), e.featureKey(), Ulid.of(e.featureId()), Ulid.of(e.customerId()),
                    e.customerKey(), e.metadata(), e.annotations(), e.activeFrom(), e.activeTo(), e.createdAt(), e.updatedAt(),
                    e.deletedAt(), m.isSoftLimit, m.preserveOverageAtReset, m.issueAfterReset, m.issueAfterResetPriority,
                    m.issueAfterReset == null ? null : new Issue(m.issueAfterReset, m.issueAfterResetPriority), m.lastReset,
                    m.measureUsageFrom, e.config(), p.current, p.usagePeriod);
        }
    }

    /** The fields only a metered entitlement has; all null for the others. */
    private record Metered(Boolean isSoftLimit, Boolean preserveOverageAtReset, BigDecimal issueAfterReset, Integer issueAfterResetPriority,
                           Instant lastReset, Instant measureUsageFrom) {
        static Metered of(EntitlementState state) {
            Entitlement e = state.entitlement();
            if (!e.metered()) {
                return new Metered(null, null, null, null, null, null);
            }
            boolean issues = e.issueAmount() != null;
            return new Metered(e.isSoftLimit(), e.preserveOverageAtReset(), e.issueAmount(), issues ? e.issuePriority() : null,
                    state.periodFrom(), e.measureUsageFrom());
        }
    }

    /** The current usage period and its recurrence, for an entitlement that has one. */
    private record Periods(Period current, RecurringPeriod usagePeriod) {
        static Periods of(EntitlementState state) {
            return state.usagePeriod() == null ? new Periods(null, null)
                    : new Periods(new Period(state.periodFrom(), state.periodTo()), RecurringPeriod.of(state.usagePeriod()));
        }
    }

    @Serdeable
    record Issue(BigDecimal amount, int priority) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Period(Instant from, Instant to) {
    }

    @Serdeable
    record RecurringPeriod(String interval, String intervalISO, Instant anchor) {
        static RecurringPeriod of(UsagePeriod p) {
            return new RecurringPeriod(p.intervalName(), p.interval().text(), p.anchor());
        }
    }

    /** The rollover bounds are written even when null (no bound). */
    @Serdeable
    record GrantView(String id, String entitlementId, BigDecimal amount, int priority, Instant effectiveAt, @Nullable Expiration expiration,
                     @Nullable Instant expiresAt, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable BigDecimal maxRolloverAmount,
                     @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable BigDecimal minRolloverAmount,
                     @Nullable Map<String, String> metadata, @Nullable Map<String, Object> annotations, @Nullable RecurringPeriod recurrence,
                     @Nullable Instant nextRecurrence, @Nullable Instant voidedAt, Instant createdAt, Instant updatedAt,
                     @Nullable Instant deletedAt) {
        /** The v2 grant: {@code expiration} only when the grant expires. */
        static GrantView of(Grant g, Instant now) {
            return of(g, now, g.expirationDuration() == null ? null : new Expiration(g.expirationDuration(), g.expirationCount()));
        }

        /**
         * The v1 grant, whose {@code expiration} is required: v1 could not create a grant that never expires, but v2
         * can, and v1 has no word for "never". Such a grant shows the longest period v1 can name (100 years), so a v1
         * client reads it as not expiring within any horizon it plans for; {@code expiresAt} stays absent, as it is.
         */
        static GrantView v1(Grant g, Instant now) {
            return of(g, now, g.expirationDuration() == null ? new Expiration("YEAR", 100)
                    : new Expiration(g.expirationDuration(), g.expirationCount()));
        }

        private static GrantView of(Grant g, Instant now, Expiration expiration) {
            boolean recurs = g.recurrence() != null;
            Instant next = recurs && (g.activeAt(now) || now.isBefore(g.effectiveAt())) ? g.nextRecurrence(now) : null;
            return new GrantView(Ulid.of(g.id()), Ulid.of(g.entitlementId()), g.amount(), g.priority(), g.effectiveAt(), expiration,
                    g.expiresAt(), g.maxRollover(), g.minRollover(), g.metadata(), g.annotations(),
                    recurs ? RecurringPeriod.of(g.recurrence()) : null, next, g.voidedAt(), g.createdAt(), g.updatedAt(), g.deletedAt());
        }
    }

    @Serdeable
    record Expiration(String duration, int count) {
    }

    /** Access, and for metered entitlements the balance and usage; for static ones the configuration. */
    @Serdeable
    record ValueView(boolean hasAccess, @Nullable BigDecimal balance, @Nullable BigDecimal usage, @Nullable BigDecimal overage,
                     @Nullable BigDecimal totalAvailableGrantAmount, @Nullable String config) {
        static ValueView of(EntitlementValue v) {
            return new ValueView(v.hasAccess(), v.balance(), v.usage(), v.overage(), v.totalAvailableGrantAmount(), v.config());
        }
    }

    /** A customer's access to each feature, keyed by feature key. */
    @Serdeable
    record AccessView(Map<String, ValueView> entitlements) {
    }

    @Serdeable
    record HistoryView(List<Window> windowedHistory, List<Segment> burndownHistory) {
        static HistoryView of(BalanceHistory h) {
            return new HistoryView(h.windows().stream().map(w -> new Window(new Period(w.from(), w.to()), w.usage(), w.balanceAtStart())).toList(),
                    h.segments().stream().map(Segment::of).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Window(Period period, BigDecimal usage, BigDecimal balanceAtStart) {
    }

    /** A stretch between grant events; the grant balances are keyed by grant id. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Segment(Period period, BigDecimal usage, BigDecimal overage, BigDecimal balanceAtStart, Map<String, BigDecimal> grantBalancesAtStart,
                   BigDecimal balanceAtEnd, Map<String, BigDecimal> grantBalancesAtEnd, List<GrantUsage> grantUsages) {
        static Segment of(BalanceHistory.Segment s) {
            return new Segment(new Period(s.from(), s.to()), s.usage(), s.overage(), s.balanceAtStart(), byGrant(s.grantBalancesAtStart()),
                    s.balanceAtEnd(), byGrant(s.grantBalancesAtEnd()),
                    s.grantUsages().entrySet().stream().map(u -> new GrantUsage(Ulid.of(u.getKey()), u.getValue())).toList());
        }
    }

    @Serdeable
    record GrantUsage(String grantId, BigDecimal usage) {
    }

    private static Map<String, BigDecimal> byGrant(Map<UUID, BigDecimal> balances) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        balances.forEach((id, amount) -> out.put(Ulid.of(id), amount));
        return out;
    }
}
