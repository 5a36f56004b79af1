package dev.tollgate.billing.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi.CustomLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a system-namespace subscription says which Tollgate tier it is and, for enterprise, the limits agreed instead of
 * the plan's figures: in its metadata, so they survive every later sync and are visible on the subscription (ADR 0034).
 */
final class TierMetadata {
    static final String TIER = "tollgate.tier";
    private static final String LIMIT = "tollgate.limit.";

    private TierMetadata() {
    }

    static Map<String, String> of(String tier, CustomLimits limits) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(TIER, tier);
        if (limits != null) {
            put(out, "queries_per_day", limits.queriesPerDay());
            put(out, "max_projects", limits.maxProjects());
            put(out, "max_databases", limits.maxDatabases());
            put(out, "max_connections", limits.maxConnections());
            put(out, "queries_per_second", limits.queriesPerSecond());
            put(out, "bytes_per_month", limits.bytesPerMonth());
            put(out, "max_query_shapes", limits.maxQueryShapes());
            put(out, "included_seats", limits.includedSeats());
        }
        return out;
    }

    /** The tier a subscription stands for: its metadata's, else its plan's key. */
    static String tier(Map<String, String> metadata, String planKey) {
        return metadata != null && metadata.get(TIER) != null ? metadata.get(TIER) : planKey;
    }

    /** The custom limits recorded on a subscription; null when it has none. */
    static CustomLimits limits(Map<String, String> metadata) {
        if (metadata == null || metadata.keySet().stream().noneMatch(k -> k.startsWith(LIMIT))) {
            return null;
        }
        return new CustomLimits(whole(metadata, "queries_per_day"), small(metadata, "max_projects"), small(metadata, "max_databases"),
                small(metadata, "max_connections"), small(metadata, "queries_per_second"), whole(metadata, "bytes_per_month"),
                small(metadata, "max_query_shapes"), small(metadata, "included_seats"));
    }

    private static void put(Map<String, String> out, String feature, Number value) {
        if (value != null) {
            out.put(LIMIT + feature, value.toString());
        }
    }

    private static Long whole(Map<String, String> metadata, String feature) {
        String v = metadata.get(LIMIT + feature);
        return v == null ? null : Long.valueOf(v);
    }

    private static Integer small(Map<String, String> metadata, String feature) {
        String v = metadata.get(LIMIT + feature);
        return v == null ? null : Integer.valueOf(v);
    }
}
