package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rate card's price, discounts and tax settings, and returns them in OpenMeter's shape with defaults filled
 * in ({@code paymentTerm}, {@code multiplier}) and with the nullable fields a tier always carries. Billing computes
 * with these later; the catalog only guarantees they make sense.
 */
final class Prices {
    private static final Set<String> USAGE_PRICES = Set.of("flat", "unit", "tiered", "dynamic", "package");
    private static final Set<String> PAYMENT_TERMS = Set.of("in_advance", "in_arrears");

    private Prices() {
    }

    /** A flat fee's price (only {@code flat}) or a usage-based price (any of the five); null means free. */
    static Map<String, Object> price(DocumentReader r, Map<String, Object> card, String path, boolean usageBased) {
        Map<String, Object> price = r.object(card, path, "price", false);
        if (price == null) {
            return null;
        }
        String where = DocumentReader.at(path, "price");
        String type = r.oneOf(price, where, "type", usageBased ? USAGE_PRICES : Set.of("flat"), null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        if (type == null) {
            return out;
        }
        switch (type) {
            case "flat" -> {
                out.put("amount", amount(r, price, where, "amount"));
                out.put("paymentTerm", r.oneOf(price, where, "paymentTerm", PAYMENT_TERMS, "in_advance"));
                return out;
            }
            case "unit" -> out.put("amount", amount(r, price, where, "amount"));
            case "tiered" -> {
                out.put("mode", r.oneOf(price, where, "mode", Set.of("volume", "graduated"), null));
                out.put("tiers", tiers(r, price, where));
            }
            case "dynamic" -> {
                BigDecimal multiplier = r.numeric(price, where, "multiplier", false);
                if (multiplier != null && multiplier.signum() < 0) {
                    r.fail(DocumentReader.at(where, "multiplier"), "invalid_value", "markup rate must not be less than 0");
                }
                out.put("multiplier", multiplier == null ? "1" : multiplier.toPlainString());
            }
            default -> { // package
                out.put("amount", amount(r, price, where, "amount"));
                BigDecimal perPackage = r.numeric(price, where, "quantityPerPackage", true);
                if (perPackage != null && perPackage.signum() <= 0) {
                    r.fail(DocumentReader.at(where, "quantityPerPackage"), "invalid_value", "must be greater than zero");
                }
                out.put("quantityPerPackage", perPackage == null ? null : perPackage.toPlainString());
            }
        }
        commitments(r, price, where, out);
        return out;
    }

    /** Percentage (0-100) and usage (first N units free) discounts; a usage discount needs a usage price. */
    static Map<String, Object> discounts(DocumentReader r, Map<String, Object> card, String path, Map<String, Object> price) {
        Map<String, Object> discounts = r.object(card, path, "discounts", false);
        if (discounts == null) {
            return null;
        }
        String where = DocumentReader.at(path, "discounts");
        Map<String, Object> out = new LinkedHashMap<>();
        if (price == null && !discounts.isEmpty()) {
            r.fail(where, "discount_without_price", "discounts apply only to a rate card with a price");
        }
        Map<String, Object> percentage = r.object(discounts, where, "percentage", false);
        if (percentage != null) {
            BigDecimal value = r.number(percentage, DocumentReader.at(where, "percentage"), "percentage");
            if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                r.fail(DocumentReader.at(where, "percentage/percentage"), "percentage_discount_invalid_value",
                        "must be a number from 0 to 100");
            }
            out.put("percentage", Map.of("percentage", value == null ? 0 : value));
        }
        Map<String, Object> usage = r.object(discounts, where, "usage", false);
        if (usage != null) {
            BigDecimal quantity = r.numeric(usage, DocumentReader.at(where, "usage"), "quantity", true);
            if (quantity != null && quantity.signum() <= 0) {
                r.fail(DocumentReader.at(where, "usage/quantity"), "invalid_value", "must be positive");
            }
            if (price != null && "flat".equals(price.get("type"))) {
                r.fail(DocumentReader.at(where, "usage"), "usage_discount_with_flat_price",
                        "a usage discount needs a usage price; a flat price has no units to discount");
            }
            out.put("usage", Map.of("quantity", quantity == null ? "0" : quantity.toPlainString()));
        }
        return out;
    }

    static Map<String, Object> taxConfig(DocumentReader r, Map<String, Object> card, String path) {
        Map<String, Object> tax = r.object(card, path, "taxConfig", false);
        if (tax == null) {
            return null;
        }
        String where = DocumentReader.at(path, "taxConfig");
        Map<String, Object> out = new LinkedHashMap<>();
        String behavior = tax.get("behavior") == null ? null : r.oneOf(tax, where, "behavior", Set.of("inclusive", "exclusive"), null);
        if (behavior != null) {
            out.put("behavior", behavior);
        }
        Map<String, Object> stripe = r.object(tax, where, "stripe", false);
        if (stripe != null) {
            String code = r.text(stripe, DocumentReader.at(where, "stripe"), "code", true, 64);
            if (code != null && !code.matches("^txcd_\\d{8}$")) {
                r.fail(DocumentReader.at(where, "stripe/code"), "invalid_value", "must be a Stripe tax code such as txcd_10000000");
            }
            out.put("stripe", Map.of("code", code == null ? "" : code));
        }
        Map<String, Object> custom = r.object(tax, where, "customInvoicing", false);
        if (custom != null) {
            String code = r.text(custom, DocumentReader.at(where, "customInvoicing"), "code", true, 256);
            out.put("customInvoicing", Map.of("code", code == null ? "" : code));
        }
        return out;
    }

    private static String amount(DocumentReader r, Map<String, Object> price, String path, String field) {
        BigDecimal amount = r.numeric(price, path, field, true);
        if (amount != null && amount.signum() < 0) {
            r.fail(DocumentReader.at(path, field), "invalid_value", "must not be negative");
        }
        return amount == null ? null : amount.toPlainString();
    }

    private static void commitments(DocumentReader r, Map<String, Object> price, String path, Map<String, Object> out) {
        BigDecimal minimum = r.numeric(price, path, "minimumAmount", false);
        BigDecimal maximum = r.numeric(price, path, "maximumAmount", false);
        if (minimum != null && minimum.signum() < 0 || maximum != null && maximum.signum() < 0) {
            r.fail(path, "invalid_value", "minimumAmount and maximumAmount must not be negative");
        }
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            r.fail(DocumentReader.at(path, "minimumAmount"), "invalid_value", "the minimumAmount must not be greater than maximumAmount");
        }
        if (minimum != null) {
            out.put("minimumAmount", minimum.toPlainString());
        }
        if (maximum != null) {
            out.put("maximumAmount", maximum.toPlainString());
        }
    }

    /** Tiers: each with a flat or a unit price (or both), distinct bounds, and exactly one open-ended tier. */
    private static List<Map<String, Object>> tiers(DocumentReader r, Map<String, Object> price, String path) {
        List<Map<String, Object>> tiers = r.objects(price, path, "tiers");
        String where = DocumentReader.at(path, "tiers");
        if (tiers.isEmpty()) {
            r.fail(where, "invalid_value", "needs at least one tier");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<BigDecimal> bounds = new HashSet<>();
        int openEnded = 0;
        for (int i = 0; i < tiers.size(); i++) {
            Map<String, Object> tier = tiers.get(i);
            String at = DocumentReader.at(where, String.valueOf(i));
            BigDecimal upTo = r.numeric(tier, at, "upToAmount", false);
            if (tier.get("upToAmount") == null) {
                openEnded++;
            } else if (upTo != null && !bounds.add(upTo.stripTrailingZeros())) {
                r.fail(DocumentReader.at(at, "upToAmount"), "invalid_value", "multiple PriceTiers with same UpToAmount are not allowed");
            }
            Map<String, Object> flat = tierPrice(r, tier, at, "flatPrice", "flat");
            Map<String, Object> unit = tierPrice(r, tier, at, "unitPrice", "unit");
            if (flat == null && unit == null) {
                r.fail(at, "invalid_value", "either flatPrice or unitPrice must be provided in a tier");
            }
            Map<String, Object> normalized = new LinkedHashMap<>();
            if (upTo != null) {
                normalized.put("upToAmount", upTo.toPlainString());
            }
            normalized.put("flatPrice", flat);
            normalized.put("unitPrice", unit);
            out.add(normalized);
        }
        if (!tiers.isEmpty() && openEnded != 1) {
            r.fail(where, "invalid_value", openEnded == 0 ? "at least one tier must be open-ended (no upToAmount)"
                    : "only one tier may be open-ended (no upToAmount)");
        }
        return out;
    }

    private static Map<String, Object> tierPrice(DocumentReader r, Map<String, Object> tier, String path, String field, String type) {
        Map<String, Object> price = r.object(tier, path, field, false);
        if (price == null) {
            return null;
        }
        String where = DocumentReader.at(path, field);
        r.oneOf(price, where, "type", Set.of(type), null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("amount", amount(r, price, where, "amount"));
        return out;
    }
}
