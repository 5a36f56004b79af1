package dev.tollgate.entitlements.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** OpenMeter's WindowedBalanceHistory: usage and opening balance per window, and the burn-down between grant events. */
public record BalanceHistory(List<Window> windows, List<Segment> segments) {
    public record Window(Instant from, Instant to, BigDecimal usage, BigDecimal balanceAtStart) {
    }

    public record Segment(Instant from, Instant to, BigDecimal usage, BigDecimal overage, BigDecimal balanceAtStart,
                          Map<UUID, BigDecimal> grantBalancesAtStart, BigDecimal balanceAtEnd, Map<UUID, BigDecimal> grantBalancesAtEnd,
                          Map<UUID, BigDecimal> grantUsages) {
    }
}
