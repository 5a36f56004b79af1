package dev.tollgate.entitlements.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * PgBeam's billing health: live organizations counted per (plan, billing provider, subscription status). An
 * organization the operator never reported a billing state for counts under provider and status {@code none}; a tier
 * that is not self-serve shows as {@code enterprise}, as GetOrganizationPlan shows it. Segments come in a fixed order
 * (tiers cheapest first, then provider and status by name) so two calls over the same data answer the same bytes.
 */
public final class BillingHealth {
    public static final String NONE = "none";
    private static final List<String> TIERS = List.of("starter", "pro", "scale", "enterprise");
    private static final Set<String> SHOWN = Set.copyOf(TIERS);
    private static final Comparator<List<String>> ORDER = Comparator.<List<String>>comparingInt(k -> TIERS.indexOf(k.get(0)))
            .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2));

    /** The billing state the operator reported for an organization (SyncPlan, SetEnterprisePlan). */
    public record Reported(String billingProvider, String subscriptionStatus) {
    }

    public record Segment(String plan, String billingProvider, String subscriptionStatus, long organizations) {
    }

    private BillingHealth() {
    }

    /**
     * @param perPlan  live organizations per recorded plan
     * @param planOf   the recorded plan of each live organization that has a reported state
     * @param reported the reported states (of live and of gone organizations: those not in {@code planOf} are skipped)
     */
    public static List<Segment> segments(Map<String, Long> perPlan, Map<UUID, String> planOf, Map<UUID, Reported> reported) {
        Map<List<String>, Long> counts = new HashMap<>();
        Map<String, Long> unreported = new HashMap<>();
        perPlan.forEach((plan, n) -> unreported.merge(shown(plan), n, Long::sum));
        reported.forEach((organization, state) -> {
            String plan = planOf.get(organization);
            if (plan != null) {
                counts.merge(List.of(shown(plan), state.billingProvider(), state.subscriptionStatus()), 1L, Long::sum);
                unreported.merge(shown(plan), -1L, Long::sum);
            }
        });
        unreported.forEach((plan, n) -> {
            if (n > 0) {
                counts.merge(List.of(plan, NONE, NONE), n, Long::sum);
            }
        });
        List<Segment> segments = new ArrayList<>();
        TreeMap<List<String>, Long> ordered = new TreeMap<>(ORDER);
        ordered.putAll(counts);
        ordered.forEach((key, n) -> segments.add(new Segment(key.get(0), key.get(1), key.get(2), n)));
        return segments;
    }

    private static String shown(String plan) {
        return SHOWN.contains(plan) ? plan : "enterprise";
    }
}
