package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.platform.http.StrictBooleanParameters;
import io.micronaut.http.HttpParameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query of {@code listInvoices} and {@code getInvoice}: filters, expansions and ordering, each checked. */
final class InvoiceQuery {
    private static final Set<String> STATUSES = Set.of("gathering", "draft", "issuing", "issued", "payment_processing", "overdue", "paid",
            "uncollectible", "voided");
    private static final Set<String> EXPANSIONS = Set.of("lines", "preceding", "workflow.apps");
    private static final Map<String, String> ORDER_BY = Map.of("customer.name", "customer_name", "issuedAt", "issued_at", "status", "state",
            "createdAt", "created_at", "updatedAt", "updated_at", "periodStart", "period_from");

    private InvoiceQuery() {
    }

    static InvoiceFilter filter(HttpParameters query) {
        List<String> statuses = values(query, "statuses");
        statuses.forEach(status -> {
            if (!STATUSES.contains(status)) {
                throw new ValidationException("statuses", "'" + status + "' is not an invoice status; one of " + STATUSES);
            }
        });
        List<String> customers = values(query, "customers");
        customers.forEach(id -> Ulid.parse(id).orElseThrow(() -> new ValidationException("customers", "'" + id + "' is not a customer ULID")));
        String orderBy = Paging.orderBy(query.get("orderBy"), "createdAt", List.copyOf(ORDER_BY.keySet()));
        return new InvoiceFilter(statuses, values(query, "extendedStatuses"), time(query, "issuedAfter"), time(query, "issuedBefore"),
                time(query, "periodStartAfter"), time(query, "periodStartBefore"), time(query, "createdAfter"), time(query, "createdBefore"),
                customers, StrictBooleanParameters.read("includeDeleted", query.get("includeDeleted"), false), ORDER_BY.get(orderBy),
                Paging.descending(query.get("order")));
    }

    /** Whether lines are shown: {@code expand=lines} (getInvoice shows them unless {@code expand} names something else). */
    static boolean lines(HttpParameters query, boolean byDefault) {
        List<String> expand = values(query, "expand");
        expand.forEach(each -> {
            if (!EXPANSIONS.contains(each)) {
                throw new ValidationException("expand", "'" + each + "' cannot be expanded; one of " + EXPANSIONS);
            }
        });
        return expand.isEmpty() ? byDefault : expand.contains("lines");
    }

    /** A repeated parameter, each value possibly a comma-separated list. */
    static List<String> values(HttpParameters query, String name) {
        List<String> out = new ArrayList<>();
        for (String value : query.getAll(name)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static Instant time(HttpParameters query, String name) {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new ValidationException(name, "'" + text + "' is not an RFC 3339 date-time such as 2026-01-01T00:00:00Z");
            }
        }
    }
}
