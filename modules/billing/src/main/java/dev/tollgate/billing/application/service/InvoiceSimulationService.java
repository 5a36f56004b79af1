package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.port.in.SimulateInvoiceUseCase;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.application.service.InvoiceLineInputs.LineInput;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceTiming;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.billing.domain.invoice.LinePricing;
import dev.tollgate.billing.domain.invoice.LineQuantities;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices lines with the quantities the request gives, under the customer's billing profile, and answers the draft
 * invoice they would make; nothing is stored. A line with {@code preLinePeriodQuantity} is priced as the last part of a
 * progressively billed period whose earlier parts billed that much.
 */
@Singleton
class InvoiceSimulationService implements SimulateInvoiceUseCase {
    private final InvoiceAccess access;
    private final InvoiceCustomers customers;
    private final InvoiceLineInputs inputs;
    private final ResolveInvoicingTermsUseCase terms;
    private final InvoiceDriver driver;
    private final Clock clock;

    InvoiceSimulationService(InvoiceAccess access, InvoiceCustomers customers, InvoiceLineInputs inputs, ResolveInvoicingTermsUseCase terms,
                             InvoiceDriver driver, Clock clock) {
        this.access = access;
        this.customers = customers;
        this.inputs = inputs;
        this.terms = terms;
        this.driver = driver;
        this.clock = clock;
    }

    @Override
    @Transactional // not read-only: a namespace's first billing request sets up its sandbox and default profile
    public ShownInvoice simulate(Caller caller, String customerIdOrKey, Map<String, Object> body) {
        UUID namespace = access.reading(caller);
        InvoiceCustomer customer = customers.require(namespace, customerIdOrKey);
        DocumentReader r = new DocumentReader();
        String currency = InvoiceLineInputs.currency(r, body);
        String number = r.text(body, "", "number", false, 256);
        List<LineInput> lines = inputs.read(r, body, true, false);
        r.throwIfFailed();
        InvoicingTerms customerTerms = terms.termsFor(namespace, customer.id());
        Instant now = clock.instant();
        CurrencyPrecision precision = CurrencyPrecision.of(currency);
        List<InvoiceLine> priced = new ArrayList<>();
        for (LineInput input : lines) {
            InvoiceLine line = input.toLine(input.id() == null ? TypeId.newUuid() : input.id(), now);
            BigDecimal pre = input.preLinePeriodQuantity() == null ? BigDecimal.ZERO : input.preLinePeriodQuantity();
            if (pre.signum() > 0) {
                line = laterPart(line);
            }
            LineQuantities quantities = dev.tollgate.billing.domain.pricing.RateCardPricing.metered(line.price())
                    ? LineQuantities.measured(input.quantity(), pre) : LineQuantities.FLAT;
            priced.add(LinePricing.price(line, precision, quantities, TypeId::newUuid, now));
        }
        Invoice invoice = new Invoice(TypeId.newUuid(), namespace, customer.id(), customer.snapshot(), customerTerms.supplier(), currency,
                InvoiceState.DRAFT_CREATED, number == null ? "DRAFT-" + customer.numberPrefix() + "-SIMULATED" : number, customerTerms,
                null, null, null, null, null, null, null, null, null, List.of(), null, now, now, null, priced, 0);
        invoice = invoice.withTiming(InvoiceTiming.of(priced, customerTerms, now));
        return new ShownInvoice(invoice, driver.details(invoice));
    }

    /** The same line as the last part of a service period that began a second earlier, so pricing continues from pre. */
    private static InvoiceLine laterPart(InvoiceLine line) {
        LinePeriod service = new LinePeriod(line.period().from().minusSeconds(1), line.period().to());
        return new InvoiceLine(line.id(), line.name(), line.description(), line.metadata(), line.managedBy(), line.status(), line.period(),
                service, line.invoiceAt(), line.rateCard(), TypeId.newUuid(), null, List.of(), null, null, null, null, null,
                line.createdAt(), line.updatedAt());
    }
}
