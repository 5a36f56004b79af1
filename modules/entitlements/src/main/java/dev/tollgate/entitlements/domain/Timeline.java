package dev.tollgate.entitlements.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage periods of a metered entitlement: from {@code measureUsageFrom}, a reset at every boundary of its usage
 * period and at every manual reset. A manual reset that does not retain the anchor re-anchors the periods after it,
 * so the anchor in force depends on the time asked about; the entitlement itself keeps its original anchor.
 */
public final class Timeline {
    private final List<Segment> segments = new ArrayList<>();
    private final List<ResetRecord> manual;

    /** A stretch with one anchor: from its start (measureUsageFrom or a manual reset) to the next segment's start. */
    private record Segment(Instant start, UsagePeriod period, ResetRecord reset) {
    }

    public Timeline(Entitlement entitlement, List<ResetRecord> resets) {
        this.manual = resets.stream().sorted(java.util.Comparator.comparing(ResetRecord::at)).toList();
        UsagePeriod period = entitlement.usagePeriod();
        segments.add(new Segment(entitlement.measureUsageFrom(), period, null));
        for (ResetRecord reset : manual) {
            period = reset.retainAnchor() ? period : period.withAnchor(reset.at());
            segments.add(new Segment(reset.at(), period, reset));
        }
    }

    public Instant measureUsageFrom() {
        return segments.get(0).start();
    }

    /** Every reset in (from, to], in time order: period boundaries and manual resets. */
    public List<Instant> resetsIn(Instant from, Instant to) {
        List<Instant> resets = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Instant end = i + 1 < segments.size() ? segments.get(i + 1).start() : null;
            if (s.reset() != null && s.start().isAfter(from) && !s.start().isAfter(to)) {
                resets.add(s.start());
            }
            Instant cursor = s.start().isAfter(from) ? s.start() : from;
            for (Instant b = s.period().nextAfter(cursor); !b.isAfter(to) && (end == null || b.isBefore(end)); b = s.period().nextAfter(b)) {
                resets.add(b);
            }
        }
        return resets;
    }

    /** The start of the usage period containing {@code t} (never before measureUsageFrom). */
    public Instant periodStart(Instant t) {
        Segment s = segmentAt(t);
        Instant boundary = s.period().startOf(t);
        return boundary.isBefore(s.start()) ? s.start() : boundary;
    }

    /** The end of the usage period containing {@code t}: the next boundary, or the next manual reset if sooner. */
    public Instant periodEnd(Instant t) {
        int i = segments.indexOf(segmentAt(t));
        Instant next = segments.get(i).period().nextAfter(t);
        if (i + 1 < segments.size() && segments.get(i + 1).start().isBefore(next)) {
            return segments.get(i + 1).start();
        }
        return next;
    }

    /** The usage period (interval and anchor) in force at {@code t}. */
    public UsagePeriod periodAt(Instant t) {
        return segmentAt(t).period();
    }

    /** The manual reset at exactly {@code t}, if one happened then. */
    public Optional<ResetRecord> manualResetAt(Instant t) {
        return manual.stream().filter(r -> r.at().equals(t)).findFirst();
    }

    private Segment segmentAt(Instant t) {
        Segment found = segments.get(0);
        for (Segment s : segments) {
            if (!s.start().isAfter(t)) {
                found = s;
            }
        }
        return found;
    }
}
