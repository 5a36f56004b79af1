/**
 * Billing: subscriptions, billing profiles, invoices and pricing math, payment providers (Stripe), inbound Stripe and marketplace webhooks, spend limits, overage, reconciliation.
 *
 * <p>Other modules may use only {@code dev.tollgate.billing.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.billing;
