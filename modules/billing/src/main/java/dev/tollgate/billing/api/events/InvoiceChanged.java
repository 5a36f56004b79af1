package dev.tollgate.billing.api.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An invoice was created ({@code created} true: OpenMeter's {@code invoice.created}) or changed state or content
 * ({@code invoice.updated}). Notification channels and webhooks deliver these; they read the invoice itself through
 * billing's api when they need more than this summary.
 *
 * @param namespace the organization (OpenMeter namespace) the invoice belongs to
 * @param status    the extended status after the change
 */
public record InvoiceChanged(String namespace, String invoiceId, String customerId, boolean created, String status, String number,
                             String currency, BigDecimal total, Instant at) {
}
