package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.StatusDetails;

/** An invoice as an API shows it: the invoice and its status details computed now. */
public record ShownInvoice(Invoice invoice, StatusDetails details) {
}
