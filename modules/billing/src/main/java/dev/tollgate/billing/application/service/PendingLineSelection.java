package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.pricing.RateCardPricing;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which pending lines of a gathering invoice are invoiced as of a moment (digest 003b §3.8): lines whose invoiceAt
 * has come; with progressive billing also the part up to that moment of a usage line still running, split off as a
 * new line of the same service period while the rest stays pending. Flat and volume-tiered prices are never split:
 * they depend on the whole period.
 *
 * @param invoiced the lines (and split-off parts) that go on the new invoice
 * @param pending  what stays on the gathering invoice
 */
record PendingLineSelection(List<InvoiceLine> invoiced, List<InvoiceLine> pending) {
    private static final Set<String> PROGRESSIVE_PRICES = Set.of("unit", "package", "dynamic");

    static PendingLineSelection of(List<InvoiceLine> lines, Instant asOf, boolean progressive, Set<UUID> onlyThese, Instant now) {
        List<InvoiceLine> invoiced = new ArrayList<>();
        List<InvoiceLine> pending = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (InvoiceLine line : lines) {
            boolean wanted = onlyThese.isEmpty() || onlyThese.contains(line.id());
            if (!wanted) {
                pending.add(line);
            } else if (line.dueBy(asOf)) {
                invoiced.add(line);
            } else if (progressive && splittable(line) && line.period().splittableAt(asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
                Instant at = asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                UUID group = line.splitGroupId() == null ? TypeId.newUuid() : line.splitGroupId();
                invoiced.add(line.part(TypeId.newUuid(), new dev.tollgate.billing.domain.invoice.LinePeriod(line.period().from(), at), at, group,
                        now));
                pending.add(new InvoiceLine(line.id(), line.name(), line.description(), line.metadata(), line.managedBy(), line.status(),
                        new dev.tollgate.billing.domain.invoice.LinePeriod(at, line.period().to()), line.servicePeriod(), line.invoiceAt(),
                        line.rateCard(), group, null, List.of(), null, null, null, line.subscription(), line.childUniqueReferenceId(),
                        line.createdAt(), now));
            } else {
                pending.add(line);
                if (!onlyThese.isEmpty()) {
                    refused.add(Ulid.of(line.id()));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new ValidationException("invoice_lines_not_billable", List.of(new FieldError("filters/lineIds",
                    "lines not billable as of " + asOf + ": " + String.join(", ", refused), "invoice_lines_not_billable")));
        }
        return new PendingLineSelection(invoiced, pending);
    }

    /** Usage prices whose cost up to a moment is known: unit, package, dynamic and graduated tiers. */
    static boolean splittable(InvoiceLine line) {
        Map<String, Object> price = line.price();
        if (!RateCardPricing.metered(price)) {
            return false;
        }
        String type = (String) price.get("type");
        return PROGRESSIVE_PRICES.contains(type) || "tiered".equals(type) && "graduated".equals(price.get("mode"));
    }
}
