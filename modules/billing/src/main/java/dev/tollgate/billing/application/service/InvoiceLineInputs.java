package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the lines of {@code createPendingInvoiceLine}, {@code simulateInvoice} and {@code updateInvoice} requests,
 * reporting every problem at once with its path ({@code lines/0/period/from}). Rate cards are checked by the catalog's
 * rules, so a price valid on a plan is valid on a line and the other way round.
 */
@Singleton
class InvoiceLineInputs {
    private final CatalogApi catalog;

    InvoiceLineInputs(CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** A line as the document describes it, with the simulation's quantities when given. */
    record LineInput(UUID id, String name, String description, Map<String, String> metadata, LinePeriod period, Instant invoiceAt,
                     Map<String, Object> rateCard, BigDecimal quantity, BigDecimal preLinePeriodQuantity) {
        InvoiceLine toLine(UUID lineId, Instant now) {
            return new InvoiceLine(lineId, name, description, metadata, "manual", "valid", period, null, invoiceAt, rateCard, null, null,
                    List.of(), null, null, null, null, null, now, now);
        }
    }

    static String currency(DocumentReader r, Map<String, Object> body) {
        String currency = r.text(body, "", "currency", true, 3);
        if (currency != null && !r.failed()) {
            try {
                CurrencyPrecision.of(currency);
            } catch (ValidationException unknown) {
                r.fail("currency", "currency_invalid", unknown.errors().get(0).message());
            }
        }
        return currency;
    }

    /**
     * @param simulation lines carry a {@code quantity} (required) and may carry {@code preLinePeriodQuantity}
     * @param withIds    lines may name the {@code id} of an existing line (an update)
     */
    List<LineInput> read(DocumentReader r, Map<String, Object> body, boolean simulation, boolean withIds) {
        List<Map<String, Object>> lines = r.objects(body, "", "lines");
        if (lines.isEmpty() && !simulation && !withIds && body.get("lines") instanceof List<?>) {
            r.fail("lines", "invoice_create_no_lines", "at least one line is required");
        }
        List<LineInput> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> line = lines.get(i);
            String path = "lines/" + i;
            String name = r.text(line, path, "name", true, 256);
            String description = r.text(line, path, "description", false, 1024);
            Map<String, String> metadata = r.metadata(line, path);
            LinePeriod period = period(r, line, path);
            Instant invoiceAt = r.time(line, path, "invoiceAt", true);
            Map<String, Object> rateCard = catalog.readLineRateCard(r, line, path);
            BigDecimal quantity = null;
            BigDecimal pre = null;
            if (simulation) {
                quantity = nonNegative(r, line, path, "quantity", true);
                pre = nonNegative(r, line, path, "preLinePeriodQuantity", false);
            }
            UUID id = null;
            if (withIds || simulation) {
                String text = r.text(line, path, "id", false, 26);
                if (text != null) {
                    id = Ulid.parse(text).orElse(null);
                    if (id == null) {
                        r.fail(DocumentReader.at(path, "id"), "invalid_value", "must be a ULID");
                    }
                }
            }
            out.add(new LineInput(id, name, description, metadata, period, invoiceAt, rateCard, quantity, pre));
        }
        return out;
    }

    static UUID newId() {
        return TypeId.newUuid();
    }

    private static LinePeriod period(DocumentReader r, Map<String, Object> line, String path) {
        Map<String, Object> period = r.object(line, path, "period", true);
        if (period == null) {
            return null;
        }
        String where = DocumentReader.at(path, "period");
        Instant from = r.time(period, where, "from", true);
        Instant to = r.time(period, where, "to", true);
        if (from == null || to == null) {
            return null;
        }
        if (!from.plusSeconds(1).isAfter(from) || to.getEpochSecond() <= from.getEpochSecond()) {
            r.fail(where, "invoice_create_ubp_line_period_is_empty", "the period must end at least one second after it starts");
            return null;
        }
        return new LinePeriod(from, to);
    }

    private static BigDecimal nonNegative(DocumentReader r, Map<String, Object> line, String path, String field, boolean required) {
        BigDecimal value = r.numeric(line, path, field, required);
        if (value != null && value.signum() < 0) {
            r.fail(DocumentReader.at(path, field), "field_must_be_positive_or_zero", "must be zero or positive");
        }
        return value;
    }
}
