package dev.tollgate.billing.domain.pricing;

/**
 * Names and stable references of detailed lines and discounts, as OpenMeter gives them (digest 003b §3.13). Invoices
 * match recalculated children to stored ones by reference, so these strings must never change. Tier numbers are
 * 1-based, counted in the tiers' sorted order.
 */
final class DetailedLineNames {
    static final String UNIT_USAGE = "unit-price-usage";
    static final String USAGE = "usage";
    static final String FLAT = "flat-price";
    static final String VOLUME_FLAT = "volume-flat-price";
    static final String VOLUME_UNIT = "volume-tiered-price";
    static final String MINIMUM_SPEND = "min-spend";
    /** OpenMeter's digest names no reference for the maximum-spend discount; this one is ours (ADR 0030). */
    static final String MAXIMUM_SPEND = "max-spend";

    private DetailedLineNames() {
    }

    static String usageInPeriod(String line) {
        return line + ": usage in period";
    }

    static String volumeFlat(String line, int tier) {
        return line + ": flat price for tier " + tier;
    }

    static String volumeUnit(String line, int tier) {
        return line + ": unit price for tier " + tier;
    }

    static String graduatedUsage(String line, int tier) {
        return line + ": usage price for tier " + tier;
    }

    static String graduatedUsageReference(int tier) {
        return "graduated-tiered-" + tier + "-price-usage";
    }

    static String graduatedFlat(String line, int tier) {
        return line + ": flat price for tier " + tier;
    }

    static String graduatedFlatReference(int tier) {
        return "graduated-tiered-" + tier + "-flat-price";
    }

    static String minimumSpend(String line) {
        return line + ": minimum spend";
    }

    /** A rate card discount's reference; without a correlation id there is nothing stable to name it by. */
    static String rateCardDiscount(String correlationId) {
        return correlationId == null ? null : "rateCardDiscount/correlationID=" + correlationId;
    }

    static String maximumSpendDescription(String maximum) {
        return "Maximum spend discount for charges over " + maximum;
    }
}
