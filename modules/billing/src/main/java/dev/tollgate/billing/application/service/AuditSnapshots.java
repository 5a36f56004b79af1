package dev.tollgate.billing.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.platform.domain.Ulid;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the audit log keeps of each billing resource before and after a change: names, states, amounts and dates. Never
 * a Stripe key, a webhook signing secret or a client secret.
 */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(BillingProfile p) {
        return fields("name", p.name(), "description", p.description(), "default", p.isDefault(), "metadata", p.metadata(),
                "supplier_name", p.supplier() == null ? null : p.supplier().name(), "tax_app_id", id(p.apps().tax()),
                "invoicing_app_id", id(p.apps().invoicing()), "payment_app_id", id(p.apps().payment()), "deleted_at", p.deletedAt());
    }

    static Map<String, Object> of(App a) {
        return fields("type", a.type().wire(), "name", a.name(), "description", a.description(), "metadata", a.metadata(),
                "enable_draft_sync_hook", a.enableDraftSyncHook(), "enable_issuing_sync_hook", a.enableIssuingSyncHook(),
                "stripe_account_id", a.stripe() == null ? null : a.stripe().accountId(), "livemode", a.stripe() == null ? null : a.stripe().livemode(),
                "deleted_at", a.deletedAt());
    }

    static Map<String, Object> of(Subscription s, Instant now) {
        return fields("name", s.name(), "customer_id", s.customerId(), "plan_key", s.plan() == null ? null : s.plan().key(),
                "plan_version", s.plan() == null ? null : s.plan().version(), "currency", s.currency(), "status", s.status(now).name().toLowerCase(),
                "active_from", s.activeFrom(), "active_to", s.activeTo(), "metadata", s.metadata(), "deleted_at", s.deletedAt());
    }

    static Map<String, Object> of(SubscriptionAddon a, Instant now) {
        return fields("subscription_id", Ulid.of(a.subscriptionId()), "addon_key", a.addonKey(), "addon_version", a.addonVersion(), "name", a.name(),
                "quantity", a.quantity(now), "metadata", a.metadata());
    }

    static Map<String, Object> of(Invoice i) {
        return fields("number", i.number(), "status", i.state().extendedStatus(), "customer_id", i.customerId(), "currency", i.currency(),
                "total", i.lines() == null ? null : i.totals().total(), "description", i.description(), "issued_at", i.issuedAt(),
                "due_at", i.dueAt(), "voided_at", i.voidedAt(), "deleted_at", i.deletedAt());
    }

    /** "Subscription 'Pro' (pro v1) of customer 01J…". */
    static String label(Subscription s) {
        String plan = s.plan() == null ? "custom plan" : s.plan().key() + " v" + s.plan().version();
        return "Subscription '" + s.name() + "' (" + plan + ") of customer " + s.customerId();
    }

    static String label(Invoice i) {
        return "Invoice " + (i.number() == null ? Ulid.of(i.id()) : i.number());
    }

    static String id(UUID id) {
        return id == null ? null : Ulid.of(id);
    }
}
