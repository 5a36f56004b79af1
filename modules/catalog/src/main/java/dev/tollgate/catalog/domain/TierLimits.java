package dev.tollgate.catalog.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The limits a Tollgate tier grants, read from the entitlement templates of its plan's open-ended phase (ADR 0010).
 * Zero means unlimited, as in PgBeam's PlanLimits: a static limit configured as 0, or a metered one with no
 * allowance restored at reset.
 */
public record TierLimits(long queriesPerDay, int maxProjects, int maxDatabases, int maxConnections, int queriesPerSecond, int burst,
                         long bytesPerMonth, int maxQueryShapes, int includedSeats, boolean customDomains) {

    /** Reads {@code plan}'s limits; {@code parseConfig} reads a static template's JSON configuration. */
    public static TierLimits of(Plan plan, Function<String, Map<String, Object>> parseConfig) {
        PlanPhase main = plan.phases().get(plan.phases().size() - 1);
        Templates t = new Templates(main, parseConfig);
        return new TierLimits(t.allowance("queries_per_day"), (int) t.value("max_projects", "value"), (int) t.value("max_databases", "value"),
                (int) t.value("max_connections", "value"), (int) t.value("queries_per_second", "value"),
                (int) t.value("queries_per_second", "burst"), t.allowance("bytes_per_month"), (int) t.value("max_query_shapes", "value"),
                (int) t.value("included_seats", "value"), t.template("custom_domains").isPresent());
    }

    private record Templates(PlanPhase phase, Function<String, Map<String, Object>> parseConfig) {
        Optional<EntitlementTemplate> template(String featureKey) {
            return phase.rateCards().stream().filter(c -> featureKey.equals(c.featureKey()) && c.entitlementTemplate() != null)
                    .map(RateCard::entitlementTemplate).findFirst();
        }

        long value(String featureKey, String field) {
            return template(featureKey).filter(t -> EntitlementTemplate.STATIC.equals(t.type()))
                    .map(t -> parseConfig.apply(t.config()).get(field))
                    .map(v -> v instanceof Number n ? n.longValue() : 0L).orElse(0L);
        }

        long allowance(String featureKey) {
            return template(featureKey).map(EntitlementTemplate::issueAfterReset).map(BigDecimal::longValue).orElse(0L);
        }
    }
}
