package dev.tollgate.billing.domain.invoice;

import java.time.Instant;
import java.util.List;

/**
 * What {@code listInvoices} narrows by; every bound is inclusive, as the document says, and null means unbounded.
 *
 * @param statuses         short statuses ({@code draft}, {@code paid}, …)
 * @param extendedStatuses extended statuses ({@code draft.waiting_for_collection}, …)
 * @param orderBy          a column of the listing: created_at, updated_at, issued_at, state, period_from, customer_name
 */
public record InvoiceFilter(List<String> statuses, List<String> extendedStatuses, Instant issuedAfter, Instant issuedBefore,
                            Instant periodStartAfter, Instant periodStartBefore, Instant createdAfter, Instant createdBefore,
                            List<String> customers, boolean includeDeleted, String orderBy, boolean descending) {
    public InvoiceFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        extendedStatuses = extendedStatuses == null ? List.of() : List.copyOf(extendedStatuses);
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    public static InvoiceFilter all() {
        return new InvoiceFilter(List.of(), List.of(), null, null, null, null, null, null, List.of(), false, "created_at", false);
    }
}
