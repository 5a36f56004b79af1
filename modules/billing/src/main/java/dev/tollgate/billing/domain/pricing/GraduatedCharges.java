package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Graduated tiers: tier i covers usage in {@code (upTo[i-1], upTo[i]]}; each slice of usage is priced at its tier's
 * unit amount, and a tier's flat amount is charged once usage enters the tier (the first tier's even at zero usage).
 * Within a tier the flat amount comes before the per-unit charge, so that as usage grows only the last components
 * grow, and a maximum spend reached on a later progressive line never changes what an earlier one discounted.
 */
record GraduatedCharges(String line, TieredPrice price, CurrencyPrecision currency) implements CumulativeCharges {
    @Override
    public List<ChargeComponent> upTo(BigDecimal total) {
        List<ChargeComponent> out = new ArrayList<>();
        BigDecimal lower = BigDecimal.ZERO;
        List<PriceTier> tiers = price.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            PriceTier tier = tiers.get(i);
            int number = i + 1;
            boolean entered = i == 0 || total.compareTo(lower) > 0;
            if (!entered) {
                break;
            }
            if (tier.flatAmount() != null) {
                out.add(ChargeComponent.lumpSum(DetailedLineNames.graduatedFlatReference(number),
                        DetailedLineNames.graduatedFlat(line, number), BigDecimal.ONE, tier.flatAmount(), currency));
            }
            BigDecimal upper = tier.openEnded() ? total : tier.upToAmount().min(total);
            BigDecimal slice = upper.subtract(lower).max(BigDecimal.ZERO);
            if (tier.unitAmount() != null) {
                out.add(ChargeComponent.perUnit(DetailedLineNames.graduatedUsageReference(number),
                        DetailedLineNames.graduatedUsage(line, number), slice, tier.unitAmount(), currency));
            }
            if (tier.openEnded()) {
                break;
            }
            lower = tier.upToAmount();
        }
        return out;
    }
}
