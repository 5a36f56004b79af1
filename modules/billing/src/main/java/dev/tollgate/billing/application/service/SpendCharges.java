package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.usage.BillingPeriods;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerAttribution;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The usage-based charges of an organization's current billing period, as the billing engine prices them (ADR 0041):
 * the usage-priced lines of its system-namespace customer whose service period starts in the period — those still on
 * the gathering invoice priced live on the meters (the same pricing as the gathering invoice shown), those already
 * invoiced (progressive billing, an invoice made now) at their stored totals. Flat fees are not usage.
 */
@Singleton
class SpendCharges {
    /** What a charge stays in: anything but gathering (priced live instead), voided and deleted. */
    private static final List<String> INVOICED = java.util.Arrays.stream(InvoiceState.values())
            .filter(s -> s != InvoiceState.GATHERING && s != InvoiceState.VOIDED && s != InvoiceState.DELETED
                    && !s.extendedStatus().startsWith("delete."))
            .map(InvoiceState::extendedStatus).toList();
    private final TenancyApi tenancy;
    private final SubscriptionStore subscriptions;
    private final InvoiceStore invoices;
    private final InvoicePricing pricing;
    private final InvoiceSubjects subjects;
    private final Clock clock;

    SpendCharges(TenancyApi tenancy, SubscriptionStore subscriptions, InvoiceStore invoices, InvoicePricing pricing, InvoiceSubjects subjects,
                 Clock clock) {
        this.tenancy = tenancy;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.pricing = pricing;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** @param currency the currency of the charges (the tier plans are priced in one) */
    record PeriodCharges(Period period, BigDecimal charges, String currency) {
    }

    /** Empty when the organization has no billing period running now (no tier subscription). */
    @Transactional(readOnly = true)
    Optional<PeriodCharges> of(String organizationPublicId) {
        CustomerAttribution customer = tenancy.requireCustomers(TenancyApi.SYSTEM_NAMESPACE, List.of(organizationPublicId)).get(0);
        Instant now = clock.instant();
        Optional<Period> running = new BillingPeriods(subscriptions.ofCustomer(TenancyApi.SYSTEM_NAMESPACE, customer.id())).at(now);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Period period = running.get();
        BigDecimal charges = BigDecimal.ZERO;
        String currency = null;
        InvoiceFilter gatheringFilter = new InvoiceFilter(List.of(), List.of(InvoiceState.GATHERING.extendedStatus()), null, null, null, null,
                null, null, List.of(customer.id()), false, "created_at", false);
        for (Invoice gathering : invoices.list(TenancyApi.SYSTEM_NAMESPACE, gatheringFilter, PageRequest.ofPage(1, 100), true).items()) {
            Invoice priced = pricing.measured(gathering, subjects.of(gathering), now);
            charges = charges.add(usageCharges(priced, period));
            currency = currency == null ? priced.currency() : currency;
        }
        InvoiceFilter invoicedFilter = new InvoiceFilter(List.of(), INVOICED, null, null, null, null, period.from(), null, List.of(customer.id()),
                false, "created_at", false);
        for (Invoice invoiced : invoices.list(TenancyApi.SYSTEM_NAMESPACE, invoicedFilter, PageRequest.ofPage(1, 100), true).items()) {
            charges = charges.add(usageCharges(invoiced, period));
            currency = currency == null ? invoiced.currency() : currency;
        }
        return Optional.of(new PeriodCharges(period, charges, currency));
    }

    private static BigDecimal usageCharges(Invoice invoice, Period period) {
        Period linePeriod = period.inWholeSeconds(); // lines start on a whole second, the subscription within one
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine line : invoice.lines()) {
            boolean usage = line.price() != null && !"flat".equals(line.price().get("type"));
            if (usage && line.totals() != null && linePeriod.contains(line.servicePeriod().from())) {
                sum = sum.add(line.totals().total());
            }
        }
        return sum;
    }
}
