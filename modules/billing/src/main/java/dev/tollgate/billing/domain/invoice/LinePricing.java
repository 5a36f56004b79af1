package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.pricing.AmountDiscount;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.pricing.DetailedLine;
import dev.tollgate.billing.domain.pricing.DetailedLineCategory;
import dev.tollgate.billing.domain.pricing.DiscountReason;
import dev.tollgate.billing.domain.pricing.LineTotals;
import dev.tollgate.billing.domain.pricing.LineToPrice;
import dev.tollgate.billing.domain.pricing.Price;
import dev.tollgate.billing.domain.pricing.PriceKernel;
import dev.tollgate.billing.domain.pricing.PricedLine;
import dev.tollgate.billing.domain.pricing.RateCardDiscounts;
import dev.tollgate.billing.domain.pricing.RateCardPricing;
import dev.tollgate.billing.domain.pricing.ServicePeriodShare;
import dev.tollgate.billing.domain.pricing.SplitPosition;
import dev.tollgate.platform.domain.Ulid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Prices one invoice line with the kernel and writes its detailed lines in OpenMeter's InvoiceDetailedLine shape.
 * A recalculation keeps the ids of the children and discounts it recomputes (matched by their stable references,
 * digest 003b §3.13), so clients that stored an id still find it. A line without a price bills nothing.
 */
public final class LinePricing {
    /** Internal key of a stored child: its stable reference, never shown (views drop keys starting with '_'). */
    public static final String REFERENCE = "_ref";

    private LinePricing() {
    }

    public static InvoiceLine price(InvoiceLine line, CurrencyPrecision currency, LineQuantities measured, Supplier<UUID> ids, Instant now) {
        Price price = RateCardPricing.price(line.price());
        if (price == null) {
            return line.priced(LineQuantities.NONE, List.of(), null, null, LineTotals.sum(List.of(), currency), now);
        }
        RateCardDiscounts discounts = RateCardPricing.discounts(discounts(line));
        SplitPosition position = new SplitPosition(line.firstInServicePeriod(), line.lastInServicePeriod());
        LineToPrice input = new LineToPrice(line.name(), currency, price, discounts, measured.metered(), measured.meteredPreLinePeriod(),
                position, ServicePeriodShare.WHOLE);
        PricedLine priced = PriceKernel.price(input);
        Map<String, Map<String, Object>> previous = new HashMap<>();
        line.children().forEach(child -> previous.put((String) child.get(REFERENCE), child));
        List<Map<String, Object>> children = new ArrayList<>();
        for (DetailedLine detailed : priced.children()) {
            children.add(child(line, currency, detailed, previous.get(detailed.childUniqueReferenceId()), discounts, ids, now));
        }
        UUID usageId = priced.usageDiscount() == null ? null : line.usageDiscountId() != null ? line.usageDiscountId() : ids.get();
        return line.priced(new LineQuantities(priced.meteredQuantity(), priced.meteredPreLinePeriodQuantity(), priced.quantity(),
                priced.preLinePeriodQuantity()), children,
                priced.usageDiscount(), usageId, priced.totals(), now);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> discounts(InvoiceLine line) {
        return (Map<String, Object>) line.rateCard().get("discounts");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(InvoiceLine line, CurrencyPrecision currency, DetailedLine detailed, Map<String, Object> before,
                                             RateCardDiscounts rateCardDiscounts, Supplier<UUID> ids, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", before == null ? Ulid.of(ids.get()) : before.get("id"));
        out.put(REFERENCE, detailed.childUniqueReferenceId());
        out.put("name", detailed.name());
        out.put("createdAt", before == null ? now.toString() : before.get("createdAt"));
        out.put("updatedAt", now.toString());
        out.put("managedBy", line.managedBy());
        out.put("status", "valid");
        out.put("currency", currency.code());
        out.put("period", Map.of("from", line.period().from().toString(), "to", line.period().to().toString()));
        out.put("invoiceAt", line.invoiceAt().toString());
        out.put("type", "flat_fee");
        out.put("quantity", detailed.quantity().toPlainString());
        out.put("perUnitAmount", detailed.perUnitAmount().toPlainString());
        String term = detailed.paymentTerm().name().toLowerCase(Locale.ROOT);
        out.put("paymentTerm", term);
        out.put("category", detailed.category() == DetailedLineCategory.COMMITMENT ? "commitment" : "regular");
        Map<String, Object> card = new LinkedHashMap<>();
        Object taxConfig = line.rateCard().get("taxConfig");
        if (taxConfig != null) {
            card.put("taxConfig", taxConfig);
        }
        card.put("price", Map.of("type", "flat", "amount", detailed.perUnitAmount().toPlainString(), "paymentTerm", term));
        card.put("quantity", detailed.quantity().toPlainString());
        out.put("rateCard", card);
        out.put("totals", totals(detailed.totals(), currency));
        Map<String, Map<String, Object>> earlier = new HashMap<>();
        if (before != null && before.get("discounts") instanceof Map<?, ?> d && d.get("amount") instanceof List<?> list) {
            list.forEach(each -> earlier.put((String) ((Map<String, Object>) each).get(REFERENCE), (Map<String, Object>) each));
        }
        List<Map<String, Object>> amounts = new ArrayList<>();
        for (AmountDiscount discount : detailed.discounts()) {
            Map<String, Object> was = earlier.get(discount.childUniqueReferenceId());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", was == null ? Ulid.of(ids.get()) : was.get("id"));
            doc.put(REFERENCE, discount.childUniqueReferenceId());
            doc.put("createdAt", was == null ? now.toString() : was.get("createdAt"));
            doc.put("updatedAt", now.toString());
            doc.put("reason", reason(discount, rateCardDiscounts));
            if (discount.description() != null) {
                doc.put("description", discount.description());
            }
            doc.put("amount", discount.amount().toPlainString());
            amounts.add(doc);
        }
        out.put("discounts", Map.of("amount", amounts));
        return out;
    }

    private static Map<String, Object> reason(AmountDiscount discount, RateCardDiscounts rateCardDiscounts) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("type", discount.reason().wireName());
        if (discount.reason() == DiscountReason.RATECARD_PERCENTAGE && rateCardDiscounts.percentage() != null) {
            reason.put("percentage", rateCardDiscounts.percentage().percentage());
            if (discount.correlationId() != null) {
                reason.put("correlationId", discount.correlationId());
            }
        }
        return reason;
    }

    /** OpenMeter's totals object; Tollgate computes no taxes without a tax app, so the tax totals are zero. */
    public static Map<String, Object> totals(LineTotals totals, CurrencyPrecision currency) {
        Map<String, Object> out = new LinkedHashMap<>();
        String zero = currency.zero().toPlainString();
        out.put("amount", totals.amount().toPlainString());
        out.put("chargesTotal", totals.chargesTotal().toPlainString());
        out.put("discountsTotal", totals.discountsTotal().toPlainString());
        out.put("taxesInclusiveTotal", zero);
        out.put("taxesExclusiveTotal", zero);
        out.put("taxesTotal", zero);
        out.put("total", totals.total().toPlainString());
        return out;
    }
}
