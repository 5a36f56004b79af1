package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tiers priced in volume or graduated mode. The tiers are kept sorted by their bound (the open-ended one last), since
 * both modes walk them in that order whatever order the rate card listed them in.
 */
public record TieredPrice(TierMode mode, List<PriceTier> tiers, SpendCommitments commitments) implements Price {
    public TieredPrice {
        if (mode == null) {
            throw PricingRules.refuse("field_required", "mode", "is required");
        }
        if (tiers == null || tiers.isEmpty()) {
            throw PricingRules.refuse("invoice_line_no_tiers", "tiers", "a tiered price needs at least one tier");
        }
        if (tiers.stream().filter(PriceTier::openEnded).count() != 1) {
            throw PricingRules.refuse("invoice_line_missing_open_ended_tier", "tiers", "exactly one PriceTier must be open-ended");
        }
        Set<BigDecimal> bounds = new HashSet<>();
        for (PriceTier tier : tiers) {
            if (!tier.openEnded() && !bounds.add(tier.upToAmount().stripTrailingZeros())) {
                throw PricingRules.refuse("invalid_value", "tiers", "multiple PriceTiers with same UpToAmount are not allowed");
            }
        }
        List<PriceTier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparing(PriceTier::upToAmount, Comparator.nullsLast(Comparator.naturalOrder())));
        tiers = List.copyOf(sorted);
        commitments = commitments == null ? SpendCommitments.NONE : commitments;
    }
}
