package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.FeatureInfo;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.application.port.out.ResetStore;
import dev.tollgate.entitlements.domain.BalanceEngine;
import dev.tollgate.entitlements.domain.BalanceHistory;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementType;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.Timeline;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Computes what entitlements are worth: periods, values and history, with usage read from metering through the
 * feature's meter and filters and the customer's subjects. Runs inside the caller's transaction.
 */
@Singleton
class EntitlementEvaluator {
    private final GrantStore grants;
    private final ResetStore resets;
    private final CatalogApi catalog;
    private final MeteringApi metering;

    EntitlementEvaluator(GrantStore grants, ResetStore resets, CatalogApi catalog, MeteringApi metering) {
        this.grants = grants;
        this.resets = resets;
        this.catalog = catalog;
        this.metering = metering;
    }

    Timeline timeline(Entitlement e) {
        return new Timeline(e, resets.ofEntitlement(e.id()));
    }

    EntitlementState state(Entitlement e, Instant now) {
        if (e.usagePeriod() == null) {
            return new EntitlementState(e, null, null, null);
        }
        if (e.type() != EntitlementType.METERED) {
            UsagePeriod p = e.usagePeriod();
            return new EntitlementState(e, p.startOf(now), p.nextAfter(now), p);
        }
        Timeline timeline = timeline(e);
        return new EntitlementState(e, timeline.periodStart(now), timeline.periodEnd(now), timeline.periodAt(now));
    }

    /**
     * The value at {@code t}, ceiled to the minute so the usage of the minute under way counts, unless a reset or a
     * grant's start or end falls between {@code t} and that minute's end: the value then is read at {@code t} itself, so
     * that a period's last minute is still that period (not the next one, fresh), a grant lasts to its last second and
     * recurs at its instant (ADR 0024).
     */
    EntitlementValue value(Entitlement e, List<String> subjects, Instant t) {
        if (!e.activeAt(t)) {
            return EntitlementValue.NO_ACCESS;
        }
        return switch (e.type()) {
            case BOOLEAN -> new EntitlementValue(true, null, null, null, null, null);
            case STATIC -> new EntitlementValue(true, null, null, null, null, e.config());
            case METERED -> {
                List<Grant> granted = grants.ofEntitlement(e.id());
                Instant at = ceilToMinute(t);
                if (at.isAfter(t) && changesBetween(timeline(e), granted, t, at)) {
                    at = t;
                }
                yield EntitlementValue.of(e, engine(e, subjects, granted).valueAt(at));
            }
        };
    }

    /** Whether a reset, or a grant starting, recurring or ending, falls in (t, until]. */
    private static boolean changesBetween(Timeline timeline, List<Grant> granted, Instant t, Instant until) {
        List<Instant> changes = new ArrayList<>();
        changes.add(timeline.periodEnd(t));
        for (Grant g : granted) {
            changes.add(g.effectiveAt());
            changes.add(g.endsAt());
            if (g.recurrence() != null) {
                changes.add(g.recurrence().nextAfter(t));
            }
        }
        return changes.stream().anyMatch(c -> c != null && c.isAfter(t) && !c.isAfter(until));
    }

    /**
     * Usage and opening balance per window of {@code windowSize} (HOUR, DAY, …) in {@code zone} over [from, to), and the
     * burn-down segments between grant events and resets.
     */
    BalanceHistory history(Entitlement e, List<String> subjects, Instant from, Instant to, ChronoUnit window, ZoneId zone) {
        // Window starts at the window size's boundaries in the zone; the first one clamped to from, so every window
        // counts exactly what lies inside it.
        List<Instant> starts = new ArrayList<>(List.of(from));
        var boundary = window == ChronoUnit.MONTHS ? from.atZone(zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                : from.atZone(zone).truncatedTo(window);
        for (var w = boundary.plus(1, window); w.toInstant().isBefore(to); w = w.plus(1, window)) {
            starts.add(w.toInstant());
        }
        BalanceEngine.Result run = engine(e, subjects, grants.ofEntitlement(e.id())).history(from, to, Set.copyOf(starts));
        Instant measuredFrom = timeline(e).measureUsageFrom();
        List<BalanceHistory.Window> windows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant ws = starts.get(i);
            Instant we = i + 1 < starts.size() ? starts.get(i + 1) : to;
            BigDecimal usage = BigDecimal.ZERO;
            BigDecimal opening = null;
            for (BalanceEngine.Phase p : run.phases()) {
                if (!p.from().isBefore(ws) && p.from().isBefore(we)) {
                    usage = usage.add(p.usage());
                    if (opening == null) {
                        opening = p.balanceAtStart();
                    }
                }
            }
            if (opening != null && !ws.isBefore(measuredFrom)) {
                windows.add(new BalanceHistory.Window(ws, we, usage, opening));
            }
        }
        return new BalanceHistory(windows, segments(run.phases(), from));
    }

    /** Phases merged back where only a window start cut them: segments change only at grant events and resets. */
    private static List<BalanceHistory.Segment> segments(List<BalanceEngine.Phase> phases, Instant from) {
        List<BalanceHistory.Segment> segments = new ArrayList<>();
        BalanceEngine.Phase first = null;
        BigDecimal usage = BigDecimal.ZERO;
        Map<UUID, BigDecimal> used = new LinkedHashMap<>();
        for (BalanceEngine.Phase p : phases) {
            if (p.to().isBefore(from) || p.to().equals(from) && !p.from().equals(from)) {
                continue;
            }
            if (first == null) {
                first = p;
            }
            usage = usage.add(p.usage());
            p.grantUsages().forEach((id, amount) -> used.merge(id, amount, BigDecimal::add));
            if (!p.split()) {
                segments.add(new BalanceHistory.Segment(first.from(), p.to(), usage, p.overage(), first.balanceAtStart(), first.balancesAtStart(),
                        p.balanceAtEnd(), p.balancesAtEnd(), new LinkedHashMap<>(used)));
                first = null;
                usage = BigDecimal.ZERO;
                used.clear();
            }
        }
        return segments;
    }

    private BalanceEngine engine(Entitlement e, List<String> subjects, List<Grant> granted) {
        FeatureInfo feature = catalog.findFeature(e.namespace(), Ulid.of(e.featureId())).orElse(null);
        String meter = feature == null ? null : feature.meterSlug();
        var meterInfo = meter == null ? java.util.Optional.<MeteringApi.MeterInfo>empty() : metering.findMeter(e.namespace(), meter);
        boolean latest = meterInfo.map(m -> "LATEST".equals(m.aggregation())).orElse(false);
        BalanceEngine.UsageSource source = (from, to) -> {
            // No subjects would mean "every subject" to metering: a customer with none has used nothing.
            if (meterInfo.isEmpty() || subjects.isEmpty() || !from.isBefore(to)) {
                return BigDecimal.ZERO;
            }
            return metering.usage(e.namespace(), meter, from, to, null, ZoneOffset.UTC, subjects, feature.filters()).stream()
                    .map(MeteringApi.WindowValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        };
        return new BalanceEngine(e, granted, timeline(e), source, latest);
    }

    static Instant ceilToMinute(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MINUTES);
    }
}
