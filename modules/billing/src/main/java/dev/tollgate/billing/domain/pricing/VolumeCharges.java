package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume tiers: the period's total picks one tier (the first whose inclusive bound it does not exceed), and all usage
 * is priced at that tier: its flat amount (charged even at zero usage) and its unit amount times the total. Because
 * the tier is only known at the period's end, volume prices are never billed progressively.
 */
record VolumeCharges(String line, TieredPrice price, CurrencyPrecision currency) implements CumulativeCharges {
    @Override
    public List<ChargeComponent> upTo(BigDecimal total) {
        List<PriceTier> tiers = price.tiers();
        int index = 0;
        while (!tiers.get(index).openEnded() && total.compareTo(tiers.get(index).upToAmount()) > 0) {
            index++;
        }
        PriceTier tier = tiers.get(index);
        int number = index + 1;
        List<ChargeComponent> out = new ArrayList<>(2);
        if (tier.flatAmount() != null) {
            out.add(ChargeComponent.lumpSum(DetailedLineNames.VOLUME_FLAT, DetailedLineNames.volumeFlat(line, number),
                    BigDecimal.ONE, tier.flatAmount(), currency));
        }
        if (tier.unitAmount() != null && total.signum() != 0) {
            out.add(ChargeComponent.perUnit(DetailedLineNames.VOLUME_UNIT, DetailedLineNames.volumeUnit(line, number), total,
                    tier.unitAmount(), currency));
        }
        return out;
    }

    @Override
    public boolean progressive() {
        return false;
    }
}
