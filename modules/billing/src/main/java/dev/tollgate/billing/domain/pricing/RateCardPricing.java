package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a rate card's {@code price} and {@code discounts} in OpenMeter's shape (as the catalog has already checked and
 * normalised them: Numerics as strings, defaults filled in) into the kernel's typed values. Nothing here validates
 * beyond what the kernel's records check themselves: the catalog owns the rules of a well-formed price.
 */
public final class RateCardPricing {
    private RateCardPricing() {
    }

    /** The kernel's price, or null for a free rate card ({@code price: null}). */
    public static Price price(Map<String, Object> price) {
        if (price == null) {
            return null;
        }
        String type = (String) price.get("type");
        SpendCommitments commitments = new SpendCommitments(decimal(price.get("minimumAmount")), decimal(price.get("maximumAmount")));
        return switch (type) {
            case "flat" -> new FlatPrice(decimal(price.get("amount")), paymentTerm(price.get("paymentTerm")));
            case "unit" -> new UnitPrice(decimal(price.get("amount")), commitments);
            case "package" -> new PackagePrice(decimal(price.get("amount")), decimal(price.get("quantityPerPackage")), commitments);
            case "dynamic" -> new DynamicPrice(price.get("multiplier") == null ? BigDecimal.ONE : decimal(price.get("multiplier")), commitments);
            case "tiered" -> new TieredPrice(TierMode.valueOf(((String) price.get("mode")).toUpperCase(Locale.ROOT)), tiers(price.get("tiers")),
                    commitments);
            default -> throw PricingRules.refuse("invalid_value", "price/type", "unknown price type '" + type + "'");
        };
    }

    /**
     * The rate card's discounts; {@code correlationId}s tie the discounts of one service period's progressive lines
     * together (null when the document has none).
     */
    @SuppressWarnings("unchecked")
    public static RateCardDiscounts discounts(Map<String, Object> discounts) {
        if (discounts == null) {
            return RateCardDiscounts.NONE;
        }
        Map<String, Object> percentage = (Map<String, Object>) discounts.get("percentage");
        Map<String, Object> usage = (Map<String, Object>) discounts.get("usage");
        return new RateCardDiscounts(
                percentage == null ? null : new PercentageDiscount(decimal(percentage.get("percentage")), (String) percentage.get("correlationId")),
                usage == null ? null : new UsageDiscount(decimal(usage.get("quantity")), (String) usage.get("correlationId")));
    }

    /** Whether the price depends on metered usage: every price but flat (digest 003b §3.4). */
    public static boolean metered(Map<String, Object> price) {
        return price != null && !"flat".equals(price.get("type"));
    }

    @SuppressWarnings("unchecked")
    private static List<PriceTier> tiers(Object tiers) {
        List<PriceTier> out = new ArrayList<>();
        for (Object each : (List<Object>) tiers) {
            Map<String, Object> tier = (Map<String, Object>) each;
            Map<String, Object> flat = (Map<String, Object>) tier.get("flatPrice");
            Map<String, Object> unit = (Map<String, Object>) tier.get("unitPrice");
            out.add(new PriceTier(decimal(tier.get("upToAmount")), flat == null ? null : decimal(flat.get("amount")),
                    unit == null ? null : decimal(unit.get("amount"))));
        }
        return out;
    }

    private static PaymentTerm paymentTerm(Object term) {
        return "in_arrears".equals(term) ? PaymentTerm.IN_ARREARS : PaymentTerm.IN_ADVANCE;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
