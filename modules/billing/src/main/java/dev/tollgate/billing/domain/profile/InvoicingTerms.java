package dev.tollgate.billing.domain.profile;

import dev.tollgate.platform.domain.IsoDuration;
import java.util.Map;

/**
 * What a customer's invoices follow, resolved from their billing profile (the customer override's profile, else the
 * namespace's default) at the moment an invoice is created; the invoice keeps this as its snapshot
 * ({@code workflow} in OpenMeter's Invoice), so later profile edits never change an invoice already made.
 *
 * @param profileId          the billing profile the terms came from ({@code sourceBillingProfileId})
 * @param supplier           the supplier party as OpenMeter's BillingParty object (name, taxId, addresses)
 * @param collectionInterval grace period after the last usage line's invoiceAt before quantities are collected (PT1H)
 * @param anchoredCollection collection alignment {@code anchored} instead of {@code subscription}
 * @param autoAdvance        issue automatically once {@code draftPeriod} has passed
 * @param draftPeriod        how long an invoice stays a draft before auto-approval (P0D)
 * @param dueAfter           how long after issue the invoice is due (P30D)
 * @param progressiveBilling whether usage lines may be invoiced before their period ends
 * @param collectionMethod   {@code charge_automatically} or {@code send_invoice}
 * @param taxEnabled         workflow.tax.enabled
 * @param taxEnforced        workflow.tax.enforced
 * @param defaultTaxConfig   workflow.invoicing.defaultTaxConfig as OpenMeter's TaxConfig object, or null
 * @param taxAppId           the app that calculates tax
 * @param invoicingAppId     the app that issues invoices (sandbox, custom invoicing, Stripe)
 * @param paymentAppId       the app that collects payment
 */
public record InvoicingTerms(String profileId, Map<String, Object> supplier, IsoDuration collectionInterval, boolean anchoredCollection,
                             boolean autoAdvance, IsoDuration draftPeriod, IsoDuration dueAfter, boolean progressiveBilling, String collectionMethod,
                             boolean taxEnabled, boolean taxEnforced, Map<String, Object> defaultTaxConfig,
                             String taxAppId, String invoicingAppId, String paymentAppId) {
}
