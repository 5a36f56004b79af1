package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.pricing.AppliedUsageDiscount;
import dev.tollgate.billing.domain.pricing.LineTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One usage-based line of an invoice (OpenMeter's InvoiceLine): what is billed ({@code rateCard}: price, discounts,
 * feature, tax), for which period, from when it may be invoiced, and — once priced — its quantities, its detailed
 * lines ({@code children}, kept in OpenMeter's InvoiceDetailedLine shape with their ids so a recalculation reuses
 * them) and totals.
 *
 * @param managedBy    {@code manual} (created through the API), {@code subscription} or {@code system}
 * @param status       {@code valid}, or {@code split} for the parent of progressive parts
 * @param servicePeriod the whole service period the line bills; a progressive part covers only a piece of it
 * @param splitGroupId the id shared by the progressive parts of one service period (null when not split)
 * @param quantities   null until priced
 * @param subscription OpenMeter's InvoiceLineSubscriptionReference, for subscription-managed lines
 */
public record InvoiceLine(UUID id, String name, String description, Map<String, String> metadata, String managedBy, String status,
                          LinePeriod period, LinePeriod servicePeriod, Instant invoiceAt, Map<String, Object> rateCard, UUID splitGroupId, LineQuantities quantities,
                          List<Map<String, Object>> children, AppliedUsageDiscount usageDiscount, UUID usageDiscountId,
                          LineTotals totals, Map<String, Object> subscription, String childUniqueReferenceId, Instant createdAt,
                          Instant updatedAt) {
    public InvoiceLine {
        servicePeriod = servicePeriod == null ? period : servicePeriod;
        children = children == null ? List.of() : List.copyOf(children);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> price() {
        return (Map<String, Object>) rateCard.get("price");
    }

    public String featureKey() {
        return (String) rateCard.get("featureKey");
    }

    /** Whether this line starts its service period (a progressive part after the first does not). */
    public boolean firstInServicePeriod() {
        return period.from().equals(servicePeriod.from());
    }

    public boolean lastInServicePeriod() {
        return period.to().equals(servicePeriod.to());
    }

    /** Billable once {@code asOf} reaches its invoiceAt. */
    public boolean dueBy(Instant asOf) {
        return !invoiceAt.isAfter(asOf);
    }

    public InvoiceLine priced(LineQuantities measured, List<Map<String, Object>> pricedChildren, AppliedUsageDiscount usage, UUID usageId,
                              LineTotals lineTotals, Instant now) {
        return new InvoiceLine(id, name, description, metadata, managedBy, status, period, servicePeriod, invoiceAt, rateCard, splitGroupId, measured,
                pricedChildren, usage, usageId, lineTotals, subscription, childUniqueReferenceId, createdAt, now);
    }

    /** The part of this line in {@code part}, as a new line of the same split group. */
    public InvoiceLine part(UUID partId, LinePeriod part, Instant partInvoiceAt, UUID group, Instant now) {
        return new InvoiceLine(partId, name, description, metadata, managedBy, "valid", part, servicePeriod, partInvoiceAt, rateCard, group, null, List.of(),
                null, null, null, subscription, childUniqueReferenceId, now, now);
    }
}
