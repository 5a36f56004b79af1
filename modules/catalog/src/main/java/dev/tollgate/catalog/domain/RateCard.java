package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One line of a plan phase or an add-on: a fee ({@code flat_fee}, one-time when it has no cadence) or a charge for
 * metered usage ({@code usage_based}), optionally tied to a feature and carrying the entitlement its subscriber gets.
 * Prices, discounts and tax settings are kept in OpenMeter's shape once {@link Prices} has checked them.
 */
public record RateCard(String type, String key, String name, String description, Map<String, String> metadata, String featureKey,
                       IsoDuration billingCadence, Map<String, Object> price, Map<String, Object> discounts,
                       Map<String, Object> taxConfig, EntitlementTemplate entitlementTemplate) {
    public static final String FLAT_FEE = "flat_fee";
    public static final String USAGE_BASED = "usage_based";

    /** A rate card document already checked once (a plan's, kept on a subscription): read again, failing as a request would. */
    public static RateCard ofDocument(Map<String, Object> doc, Predicate<String> isJsonObject) {
        DocumentReader r = new DocumentReader();
        RateCard card = read(r, doc, "", isJsonObject);
        r.throwIfFailed();
        return card;
    }

    static RateCard read(DocumentReader r, Map<String, Object> doc, String path, Predicate<String> isJsonObject) {
        String type = r.oneOf(doc, path, "type", Set.of(FLAT_FEE, USAGE_BASED), null);
        boolean usageBased = USAGE_BASED.equals(type);
        String key = r.key(doc, path, "key", true);
        String featureKey = r.key(doc, path, "featureKey", false);
        if (featureKey != null && key != null && !featureKey.equals(key)) {
            r.fail(DocumentReader.at(path, "key"), "rate_card_key_feature_key_mismatch",
                    "rate card key must match feature key '" + featureKey + "'");
        }
        IsoDuration cadence = r.duration(doc, path, "billingCadence", usageBased);
        if (cadence != null && !cadence.atLeastAnHour()) {
            r.fail(DocumentReader.at(path, "billingCadence"), "billing_cadence_invalid_value",
                    "a billing cadence must be positive and at least one hour long");
        }
        Map<String, Object> price = Prices.price(r, doc, path, usageBased);
        Map<String, Object> discounts = Prices.discounts(r, doc, path, price);
        if (!usageBased && discounts != null && discounts.containsKey("usage")) {
            r.fail(DocumentReader.at(path, "discounts/usage"), "usage_discount_with_flat_price",
                    "a flat fee has only percentage discounts");
        }
        EntitlementTemplate template = EntitlementTemplate.read(r, doc, path, isJsonObject);
        if (template != null && featureKey == null) {
            r.fail(DocumentReader.at(path, "entitlementTemplate"), "entitlement_template_with_no_feature",
                    "an entitlement template needs the rate card's featureKey");
        }
        return new RateCard(type, key, r.text(doc, path, "name", true, 256), r.text(doc, path, "description", false, 1024),
                r.metadata(doc, path), featureKey, cadence, price, discounts, Prices.taxConfig(r, doc, path), template);
    }

    /** OpenMeter's RateCard object; {@code billingCadence} and {@code price} are present even when null. */
    public Map<String, Object> toDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("key", key);
        out.put("name", name);
        if (description != null) {
            out.put("description", description);
        }
        if (metadata != null) {
            out.put("metadata", metadata);
        }
        if (featureKey != null) {
            out.put("featureKey", featureKey);
        }
        if (entitlementTemplate != null) {
            out.put("entitlementTemplate", entitlementTemplate.toDocument());
        }
        if (taxConfig != null) {
            out.put("taxConfig", taxConfig);
        }
        out.put("billingCadence", billingCadence == null ? null : billingCadence.text());
        out.put("price", price);
        if (discounts != null) {
            out.put("discounts", discounts);
        }
        return out;
    }
}
