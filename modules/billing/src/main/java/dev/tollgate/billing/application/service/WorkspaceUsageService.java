package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ReadWorkspaceUsageUseCase;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.application.service.WorkspaceBilling.Workspace;
import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.usage.BillingPeriods;
import dev.tollgate.billing.domain.usage.Granularity;
import dev.tollgate.billing.domain.usage.UsageWindows;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Singleton
class WorkspaceUsageService implements ReadWorkspaceUsageUseCase {
    // The proxy's meters in the system namespace (metering migration V4).
    private static final String QUERIES = "proxy_queries";
    private static final String BYTES_TO_CLIENT = "proxy_bytes_to_client";
    private static final String CONNECTION_SECONDS = "proxy_connection_seconds";
    private final WorkspaceBilling workspaces;
    private final SubscriptionStore subscriptions;
    private final MeteringApi metering;
    private final Clock clock;

    WorkspaceUsageService(WorkspaceBilling workspaces, SubscriptionStore subscriptions, MeteringApi metering, Clock clock) {
        this.workspaces = workspaces;
        this.subscriptions = subscriptions;
        this.metering = metering;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public WorkspaceUsage current(Caller caller, String workspaceSlug) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_ORGANIZATION);
        Instant now = clock.instant();
        // Every organization has a tier subscription (ADR 0034); without one, the calendar month stands in.
        Period period = periods(workspace).at(now).orElseGet(() -> calendarMonth(YearMonth.from(now.atZone(ZoneOffset.UTC))));
        return measured(workspace, period, now);
    }

    @Override
    @Transactional(readOnly = true)
    public WorkspaceUsage ofPeriod(Caller caller, String workspaceSlug, String billingPeriod) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_ORGANIZATION);
        YearMonth month = BillingPeriods.month(billingPeriod);
        Instant now = clock.instant();
        Period period = periods(workspace).beginningIn(month, now)
                .orElseThrow(() -> new NotFoundException("Workspace '" + workspaceSlug + "' has no billing period beginning in " + month));
        return measured(workspace, period, now);
    }

    @Override
    @Transactional(readOnly = true)
    public List<WorkspaceUsage> history(Caller caller, String workspaceSlug, LocalDate first, LocalDate last, Granularity granularity) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_ORGANIZATION);
        List<Period> windows = UsageWindows.of(first, last, granularity);
        Instant from = windows.get(0).from();
        Instant to = windows.get(windows.size() - 1).to();
        TreeMap<Instant, BigDecimal> queries = daily(workspace, QUERIES, from, to);
        TreeMap<Instant, BigDecimal> bytes = daily(workspace, BYTES_TO_CLIENT, from, to);
        TreeMap<Instant, BigDecimal> seconds = daily(workspace, CONNECTION_SECONDS, from, to);
        return windows.stream().map(w -> new WorkspaceUsage(workspace.organization().id(), w.from(), w.to(),
                sum(queries, w).longValue(), sum(bytes, w).longValue(), sum(seconds, w))).toList();
    }

    private BillingPeriods periods(Workspace workspace) {
        return new BillingPeriods(subscriptions.ofCustomer(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId()));
    }

    private WorkspaceUsage measured(Workspace workspace, Period period, Instant now) {
        Instant to = period.to() == null || period.to().isAfter(now) ? now : period.to();
        return new WorkspaceUsage(workspace.organization().id(), period.from(), period.to(), total(workspace, QUERIES, period.from(), to)
                .longValue(), total(workspace, BYTES_TO_CLIENT, period.from(), to).longValue(),
                total(workspace, CONNECTION_SECONDS, period.from(), to));
    }

    private BigDecimal total(Workspace workspace, String meter, Instant from, Instant to) {
        return usage(workspace, meter, from, to, null).stream().map(MeteringApi.WindowValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private TreeMap<Instant, BigDecimal> daily(Workspace workspace, String meter, Instant from, Instant to) {
        TreeMap<Instant, BigDecimal> byDay = new TreeMap<>();
        for (MeteringApi.WindowValue v : usage(workspace, meter, from, to, "DAY")) {
            byDay.merge(v.from(), v.value(), BigDecimal::add);
        }
        return byDay;
    }

    /** No subjects would mean every subject to metering: a workspace without any has used nothing. */
    private List<MeteringApi.WindowValue> usage(Workspace workspace, String meter, Instant from, Instant to, String windowSize) {
        if (workspace.subjects().isEmpty() || !from.isBefore(to)) {
            return List.of();
        }
        return metering.usage(TenancyApi.SYSTEM_NAMESPACE, meter, from, to, windowSize, ZoneOffset.UTC, workspace.subjects(), Map.of());
    }

    private static BigDecimal sum(TreeMap<Instant, BigDecimal> byDay, Period window) {
        return byDay.subMap(window.from(), window.to()).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Period calendarMonth(YearMonth month) {
        return new Period(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
