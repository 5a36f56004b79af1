package dev.tollgate.proxy.application.service;

import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.metering.api.MeteringApi.DailyValue;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.GetUsageUseCase;
import dev.tollgate.proxy.application.port.in.RecordProxyUsageUseCase;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.DailyUsage;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProxyUsage;
import dev.tollgate.proxy.domain.UsageReportDays;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy's usage as metering events in the system namespace (one {@value #EVENT_TYPE} event per report, subject =
 * the organization's public id, the key it is a customer under there), and PgBeam's daily usage read back from the
 * meters a metering migration defines over those events.
 */
@Singleton
class ProxyUsageService implements RecordProxyUsageUseCase, GetUsageUseCase {
    static final String EVENT_TYPE = "tollgate.proxy.usage";
    static final String QUERIES = "proxy_queries";
    static final String BYTES = "proxy_bytes_to_client";
    static final String CONNECTION_SECONDS = "proxy_connection_seconds";
    static final String CACHE_HITS = "proxy_cache_hits";
    static final String CACHE_MISSES = "proxy_cache_misses";
    /** The order of DailyUsage's counters. */
    private static final List<String> METERS = List.of(QUERIES, CACHE_HITS, CACHE_MISSES, CONNECTION_SECONDS, BYTES);

    private final MeteringApi metering;
    private final TenancyApi tenancy;
    private final ProjectLookup lookup;
    private final String region;

    ProxyUsageService(MeteringApi metering, TenancyApi tenancy, ProjectLookup lookup, RegionCatalog regions) {
        this.metering = metering;
        this.tenancy = tenancy;
        this.lookup = lookup;
        this.region = regions.local();
    }

    @Override
    public void record(List<ProxyUsage> reports) {
        List<MeteringApi.Event> events = new ArrayList<>(reports.size());
        for (ProxyUsage usage : reports) {
            String data = "{\"project_id\":\"" + TypeId.format("prj", usage.projectId()) + "\",\"database_id\":\""
                    + TypeId.format("db", usage.databaseId()) + "\",\"region\":" + jsonString(region)
                    + ",\"queries\":" + usage.queries() + ",\"bytes_to_client\":" + usage.bytesToClient()
                    + ",\"connection_seconds\":" + BigDecimal.valueOf(usage.connectionMillis(), 3).toPlainString()
                    + ",\"cache_hits\":" + usage.cacheHits() + ",\"cache_misses\":" + usage.cacheMisses() + "}";
            events.add(new MeteringApi.Event(usage.id(), "tollgate/proxy/" + region, EVENT_TYPE,
                    TypeId.format("org", usage.organizationId()), usage.until(), data));
        }
        metering.ingest(MeteringApi.SYSTEM_NAMESPACE, events);
    }

    @Override
    public List<DailyUsage> organizationUsage(Caller caller, String organizationId, UsageReportDays period) {
        var organization = tenancy.requireOrganization(caller, organizationId, Capability.READ_PROJECTS);
        Map<String, DailyUsage> byDay = daily(period, organization.publicId(), Map.of(), List.of());
        List<DailyUsage> rows = new ArrayList<>();
        for (LocalDate day : period.days()) {
            DailyUsage found = byDay.get(day + "|");
            rows.add(found == null ? DailyUsage.none(day, null) : found);
        }
        return rows;
    }

    @Override
    public List<DailyUsage> projectUsage(Caller caller, String projectId, UsageReportDays period) {
        Project project = lookup.project(caller, projectId, Capability.READ_PROJECTS);
        return List.copyOf(daily(period, TypeId.format("org", project.organizationId()),
                Map.of("project_id", TypeId.format("prj", project.id())), List.of("region")).values());
    }

    /** The five meters' daily totals (in {@link #METERS} order) merged into rows, in day then region order. */
    private Map<String, DailyUsage> daily(UsageReportDays period, String subject, Map<String, String> filter, List<String> groupBy) {
        record Row(LocalDate day, String region) {
        }
        Map<String, Row> keys = new TreeMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        for (int m = 0; m < METERS.size(); m++) {
            for (DailyValue value : metering.dailyTotals(MeteringApi.SYSTEM_NAMESPACE, METERS.get(m), period.from(), period.to(),
                    List.of(subject), filter, groupBy)) {
                Row row = new Row(LocalDate.ofInstant(value.day(), ZoneOffset.UTC), groupBy.isEmpty() ? null : value.groupBy().get("region"));
                String key = row.day() + "|" + (row.region() == null ? "" : row.region());
                keys.put(key, row);
                // PgBeam reports whole units; connection seconds are metered to the millisecond.
                totals.computeIfAbsent(key, k -> new long[METERS.size()])[m] = value.value().setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
        }
        Map<String, DailyUsage> rows = new LinkedHashMap<>();
        keys.forEach((key, row) -> {
            long[] t = totals.get(key);
            rows.put(key, new DailyUsage(row.day(), row.region(), t[0], t[1], t[2], t[3], t[4]));
        });
        return rows;
    }

    /** A JSON string literal; the region id comes from configuration. */
    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
