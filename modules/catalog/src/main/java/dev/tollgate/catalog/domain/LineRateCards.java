package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate card of one invoice line (OpenMeter's InvoiceUsageBasedRateCard: featureKey, price, discounts, taxConfig),
 * checked with the same rules as a plan's rate cards so that billing prices manual lines and subscription lines from
 * one shape. The deprecated top-level {@code price} and {@code featureKey} of a line are read when it has no
 * {@code rateCard}.
 */
public final class LineRateCards {
    private LineRateCards() {
    }

    /** The line's rate card in OpenMeter's shape with defaults filled in; problems go to {@code r} under {@code path}. */
    public static Map<String, Object> read(DocumentReader r, Map<String, Object> line, String path) {
        Map<String, Object> card = r.object(line, path, "rateCard", false);
        String where = DocumentReader.at(path, "rateCard");
        if (card == null) {
            card = new LinkedHashMap<>();
            card.put("price", line.get("price"));
            card.put("featureKey", line.get("featureKey"));
            where = path;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String featureKey = r.key(card, where, "featureKey", false);
        Map<String, Object> price = Prices.price(r, card, where, true);
        if (price == null && !line.containsKey("rateCard")) {
            r.fail(where, "field_required", "a line needs a rateCard with a price");
        }
        Map<String, Object> discounts = Prices.discounts(r, card, where, price);
        Map<String, Object> taxConfig = Prices.taxConfig(r, card, where);
        if (featureKey != null) {
            out.put("featureKey", featureKey);
        }
        if (taxConfig != null) {
            out.put("taxConfig", taxConfig);
        }
        out.put("price", price);
        if (discounts != null) {
            out.put("discounts", discounts);
        }
        return out;
    }
}
