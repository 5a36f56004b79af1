package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.IsoDuration;
import java.util.List;
import java.util.Map;

/**
 * What a subscription copies from a plan (a catalog version or a custom one) when it starts: the catalog checked it,
 * so it is taken as given. Rate cards stay OpenMeter JSON documents: billing prices them later from that shape.
 */
public record PlanTerms(PlanReference reference, String name, String description, Map<String, String> metadata, String currency,
                        IsoDuration billingCadence, boolean proRating, List<Phase> phases) {

    /** {@code duration} is null only for the last, open-ended phase. */
    public record Phase(String key, String name, String description, Map<String, String> metadata, IsoDuration duration,
                        List<Map<String, Object>> rateCards) {
    }

    public int phaseIndex(String key) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
