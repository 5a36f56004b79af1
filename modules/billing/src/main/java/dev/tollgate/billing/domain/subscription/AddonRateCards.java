package dev.tollgate.billing.domain.subscription;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How add-on rate cards add up onto an item's rate card (digest 003b §3.3, ADR 0035), each {@code quantity} times: flat
 * amounts are summed into the item's flat price, an item without a price takes the add-on's, metered allowances
 * ({@code issueAfterReset}) and usage discounts are summed, a boolean entitlement stays boolean. Rate cards are the
 * catalog's OpenMeter documents; what comes out is one too, so invoicing and entitlements read it as they read a plan's.
 */
final class AddonRateCards {
    /** An add-on rate card bought {@code quantity} (at least 1) times. */
    record Applied(Map<String, Object> card, int quantity) {
    }

    private AddonRateCards() {
    }

    /**
     * Why {@code addonCard}'s price cannot be added onto {@code target} (null: no item, nothing to conflict with); empty
     * when it can. Buying such an add-on is refused, so the overlay never meets one it has to drop.
     */
    static Optional<String> priceConflict(Map<String, Object> target, Map<String, Object> addonCard) {
        Map<String, Object> added = price(addonCard);
        Map<String, Object> own = target == null ? null : price(target);
        if (added == null || own == null) {
            return Optional.empty();
        }
        if (target.get("billingCadence") == null) {
            return Optional.of("the item is a one-time fee, billed once when it starts; an add-on's price cannot add to it later");
        }
        if (!isFlat(own)) {
            return Optional.of("the item has a " + own.get("type") + " price; an add-on's price only adds up onto a flat price or onto an item"
                    + " without a price");
        }
        if (!isFlat(added)) {
            return Optional.of("the add-on's price is " + added.get("type") + "; only a flat price adds up onto the item's flat price");
        }
        if (!Objects.equals(target.get("billingCadence"), addonCard.get("billingCadence"))) {
            return Optional.of("the item is billed " + cadence(target) + " and the add-on " + cadence(addonCard)
                    + "; flat prices only add up at the same cadence");
        }
        return Optional.empty();
    }

    /**
     * {@code target} (null: the key has no item then, so the first add-on card's identity is used and it is priced and
     * entitled by the add-ons alone) with every applied card added on. A price that conflicts is left out: buying it
     * was refused, and a later edit that makes it conflict must not stop the subscription from billing.
     */
    static Map<String, Object> overlay(Map<String, Object> target, List<Applied> applied) {
        return overlay(target, applied, false);
    }

    /**
     * As {@link #overlay(Map, List)}, or as invoicing sees it when {@code billed}: flat add-on prices are left out (each is
     * billed as an item of its own, see {@link AddonOverlay#billedTimelines}) and so are entitlements, which bill nothing.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> overlay(Map<String, Object> target, List<Applied> applied, boolean billed) {
        Map<String, Object> out = new LinkedHashMap<>(target != null ? target : applied.get(0).card());
        if (target == null) {
            out.put("price", null);
            out.remove("entitlementTemplate");
            out.remove("discounts");
        }
        for (Applied a : applied) {
            Map<String, Object> card = a.card();
            if (out.get("featureKey") == null && card.get("featureKey") != null) {
                out.put("featureKey", card.get("featureKey"));
            }
            boolean apart = billed && price(card) != null && isFlat(price(card));
            if (!apart && priceConflict(out, card).isEmpty()) {
                addPrice(out, card, a.quantity());
            }
            if (!billed) {
                addEntitlement(out, (Map<String, Object>) card.get("entitlementTemplate"), a.quantity());
            }
            addUsageDiscount(out, (Map<String, Object>) card.get("discounts"), a.quantity());
        }
        return out;
    }

    private static void addPrice(Map<String, Object> out, Map<String, Object> card, int quantity) {
        Map<String, Object> added = price(card);
        if (added == null) {
            return;
        }
        Map<String, Object> own = price(out);
        if (own == null) {
            Map<String, Object> taken = new LinkedHashMap<>(added);
            if (isFlat(added)) {
                taken.put("amount", times(added.get("amount"), quantity).toPlainString());
            }
            out.put("price", taken);
            out.put("billingCadence", card.get("billingCadence"));
            return;
        }
        Map<String, Object> summed = new LinkedHashMap<>(own);
        summed.put("amount", number(own.get("amount")).add(times(added.get("amount"), quantity)).toPlainString());
        out.put("price", summed);
    }

    @SuppressWarnings("unchecked")
    private static void addEntitlement(Map<String, Object> out, Map<String, Object> added, int quantity) {
        if (added == null) {
            return;
        }
        Map<String, Object> own = (Map<String, Object>) out.get("entitlementTemplate");
        boolean metered = "metered".equals(added.get("type"));
        if (own == null) {
            Map<String, Object> taken = new LinkedHashMap<>(added);
            if (metered && added.get("issueAfterReset") != null) {
                taken.put("issueAfterReset", times(added.get("issueAfterReset"), quantity));
            }
            out.put("entitlementTemplate", taken);
        } else if (metered && "metered".equals(own.get("type")) && added.get("issueAfterReset") != null) {
            Map<String, Object> summed = new LinkedHashMap<>(own);
            BigDecimal base = own.get("issueAfterReset") == null ? BigDecimal.ZERO : number(own.get("issueAfterReset"));
            summed.put("issueAfterReset", base.add(times(added.get("issueAfterReset"), quantity)));
            out.put("entitlementTemplate", summed);
        }
        // boolean onto boolean stays boolean (counted, nothing to add); static and mixed types keep the item's own
    }

    @SuppressWarnings("unchecked")
    private static void addUsageDiscount(Map<String, Object> out, Map<String, Object> addedDiscounts, int quantity) {
        Map<String, Object> addedUsage = addedDiscounts == null ? null : (Map<String, Object>) addedDiscounts.get("usage");
        if (addedUsage == null || addedUsage.get("quantity") == null) {
            return;
        }
        Map<String, Object> discounts = out.get("discounts") == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>((Map<String, Object>) out.get("discounts"));
        Map<String, Object> usage = (Map<String, Object>) discounts.get("usage");
        BigDecimal base = usage == null || usage.get("quantity") == null ? BigDecimal.ZERO : number(usage.get("quantity"));
        discounts.put("usage", Map.of("quantity", base.add(times(addedUsage.get("quantity"), quantity)).toPlainString()));
        out.put("discounts", discounts);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> price(Map<String, Object> card) {
        return (Map<String, Object>) card.get("price");
    }

    static boolean isFlat(Map<String, Object> price) {
        return "flat".equals(price.get("type"));
    }

    private static String cadence(Map<String, Object> card) {
        return card.get("billingCadence") == null ? "once" : "every " + card.get("billingCadence");
    }

    static BigDecimal times(Object amount, int quantity) {
        return number(amount).multiply(BigDecimal.valueOf(quantity));
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(value.toString());
    }
}
