package dev.tollgate.billing.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Billing's part of a workspace export, read with explicit SQL over the organization's namespace (its id): apps,
 * billing profiles, customer overrides, what apps keep about customers (their data and Stripe customers),
 * subscriptions with their phases and items as stored, the add-ons bought on them, invoices and their lines. Deleted
 * and uninstalled rows are included with their deletion time. Ids are ULIDs, as OpenMeter's API shows them.
 *
 * <p>Left out on purpose: the whole of {@code stripe_app_secrets} (the sealed Stripe API key and webhook signing
 * secret), {@code apps.stripe_masked_api_key} (derived from the API key), {@code oauth2_install_states} (hashes of
 * one-use install secrets), {@code stripe_events} (Stripe's own webhook payloads, a processing log), and bookkeeping
 * that is not the organization's data: {@code invoices.revision}, the invoice number series and the sync schedules.
 *
 * <p>Invoices and their lines grow with time: they are read a keyset page at a time on their time-ordered ids.
 */
@Singleton
class JdbcBillingExportSource implements WorkspaceExportSource {
    static final int PAGE = 1000;
    private static final List<String> RESOURCES = List.of("apps", "profiles", "customer_overrides", "customer_app_data", "stripe_customers",
            "subscriptions", "subscription_addons", "invoices", "invoice_lines");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcBillingExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "billing";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "apps" -> each("SELECT id, type, name, description, metadata::text AS metadata, enable_draft_sync_hook, "
                    + "enable_issuing_sync_hook, stripe_account_id, stripe_livemode, created_at, updated_at, deleted_at FROM billing.apps "
                    + "WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> record("id", ulid(r, "id"), "type", r.getString("type"),
                    "name", r.getString("name"), "description", r.getString("description"), "metadata", json(r.getString("metadata")),
                    "enableDraftSyncHook", r.getBoolean("enable_draft_sync_hook"), "enableIssuingSyncHook", r.getBoolean("enable_issuing_sync_hook"),
                    "stripeAccountId", r.getString("stripe_account_id"), "stripeLivemode", r.getObject("stripe_livemode"),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")), sink);
            case "profiles" -> each("SELECT id, name, description, metadata::text AS metadata, supplier::text AS supplier, collection_alignment, "
                    + "recurring_interval, recurring_anchor, collection_interval, auto_advance, draft_period, due_after, progressive_billing, "
                    + "default_tax_config::text AS default_tax_config, collection_method, tax_enabled, tax_enforced, tax_app_id, invoicing_app_id, "
                    + "payment_app_id, is_default, created_at, updated_at, deleted_at FROM billing.profiles WHERE namespace = ? "
                    + "ORDER BY created_at, id", organizationId, r -> record("id", ulid(r, "id"), "name", r.getString("name"),
                    "description", r.getString("description"), "metadata", json(r.getString("metadata")), "supplier", json(r.getString("supplier")),
                    "default", r.getBoolean("is_default"), "workflow", record("collectionAlignment", r.getString("collection_alignment"),
                            "recurringInterval", r.getString("recurring_interval"), "recurringAnchor", instant(r, "recurring_anchor"),
                            "collectionInterval", r.getString("collection_interval"), "autoAdvance", r.getBoolean("auto_advance"),
                            "draftPeriod", r.getString("draft_period"), "dueAfter", r.getString("due_after"),
                            "progressiveBilling", r.getBoolean("progressive_billing"), "defaultTaxConfig", json(r.getString("default_tax_config")),
                            "collectionMethod", r.getString("collection_method"), "taxEnabled", r.getBoolean("tax_enabled"),
                            "taxEnforced", r.getBoolean("tax_enforced")),
                    "apps", record("tax", ulid(r, "tax_app_id"), "invoicing", ulid(r, "invoicing_app_id"), "payment", ulid(r, "payment_app_id")),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")), sink);
            case "customer_overrides" -> each("SELECT customer_id, billing_profile_id, created_at, updated_at FROM billing.customer_overrides "
                    + "WHERE namespace = ? ORDER BY created_at, customer_id", organizationId, r -> record("customerId", ulid(r, "customer_id"),
                    "billingProfileId", ulid(r, "billing_profile_id"), "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at")),
                    sink);
            case "customer_app_data" -> each("SELECT id, customer_id, app_id, type, metadata::text AS metadata, created_at, updated_at "
                    + "FROM billing.customer_app_data WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> record(
                    "id", ulid(r, "id"), "customerId", ulid(r, "customer_id"), "appId", ulid(r, "app_id"), "type", r.getString("type"),
                    "metadata", json(r.getString("metadata")), "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at")), sink);
            case "stripe_customers" -> each("SELECT app_id, customer_id, stripe_customer_id, stripe_default_payment_method_id, created_at, "
                    + "updated_at FROM billing.stripe_customers WHERE namespace = ? ORDER BY created_at, app_id, customer_id", organizationId,
                    r -> record("appId", ulid(r, "app_id"), "customerId", ulid(r, "customer_id"), "stripeCustomerId", r.getString("stripe_customer_id"),
                            "stripeDefaultPaymentMethodId", r.getString("stripe_default_payment_method_id"), "createdAt", instant(r, "created_at"),
                            "updatedAt", instant(r, "updated_at")), sink);
            case "subscriptions" -> each("SELECT id, customer_id, name, description, metadata::text AS metadata, plan_id, plan_key, plan_version, "
                    + "currency, billing_cadence, pro_rating, billing_anchor, active_from, active_to, annotations::text AS annotations, "
                    + "terms::text AS terms, created_at, updated_at, deleted_at FROM billing.subscriptions WHERE namespace = ? "
                    + "ORDER BY created_at, id", organizationId, r -> withTerms(record("id", ulid(r, "id"), "customerId", r.getString("customer_id"),
                    "name", r.getString("name"), "description", r.getString("description"), "metadata", json(r.getString("metadata")),
                    "plan", r.getObject("plan_id") == null ? null
                            : record("id", ulid(r, "plan_id"), "key", r.getString("plan_key"), "version", r.getInt("plan_version")),
                    "currency", r.getString("currency"), "billingCadence", r.getString("billing_cadence"), "proRatingEnabled", r.getBoolean("pro_rating"),
                    "billingAnchor", instant(r, "billing_anchor"), "activeFrom", instant(r, "active_from"), "activeTo", instant(r, "active_to"),
                    "annotations", json(r.getString("annotations")), "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"),
                    "deletedAt", instant(r, "deleted_at")), r.getString("terms")), sink);
            case "subscription_addons" -> each("SELECT id, subscription_id, addon_id, addon_key, addon_version, instance_type, name, description, "
                    + "metadata::text AS metadata, terms::text AS terms, created_at, updated_at, deleted_at FROM billing.subscription_addons "
                    + "WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> withTerms(record("id", ulid(r, "id"),
                    "subscriptionId", ulid(r, "subscription_id"), "addon", record("id", ulid(r, "addon_id"), "key", r.getString("addon_key"),
                            "version", r.getInt("addon_version"), "instanceType", r.getString("instance_type")),
                    "name", r.getString("name"), "description", r.getString("description"), "metadata", json(r.getString("metadata")),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")),
                    r.getString("terms")), sink);
            case "invoices" -> paged("SELECT id, customer_id, currency, state, number, customer::text AS customer, supplier::text AS supplier, "
                    + "terms::text AS terms, description, metadata::text AS metadata, issued_at, draft_until, collection_at, due_at, "
                    + "quantity_snapshoted_at, voided_at, sent_to_customer_at, validation_issues::text AS validation_issues, "
                    + "external_ids::text AS external_ids, period_from, period_to, amount, charges_total, discounts_total, total, created_at, "
                    + "updated_at, deleted_at FROM billing.invoices", organizationId, r -> record("id", ulid(r, "id"),
                    "customerId", r.getString("customer_id"), "number", r.getString("number"), "status", r.getString("state"),
                    "currency", r.getString("currency"), "description", r.getString("description"), "metadata", json(r.getString("metadata")),
                    "customer", json(r.getString("customer")), "supplier", json(r.getString("supplier")), "workflow", json(r.getString("terms")),
                    "period", record("from", instant(r, "period_from"), "to", instant(r, "period_to")),
                    "totals", record("amount", r.getBigDecimal("amount"), "chargesTotal", r.getBigDecimal("charges_total"),
                            "discountsTotal", r.getBigDecimal("discounts_total"), "total", r.getBigDecimal("total")),
                    "issuedAt", instant(r, "issued_at"), "draftUntil", instant(r, "draft_until"), "collectionAt", instant(r, "collection_at"),
                    "dueAt", instant(r, "due_at"), "quantitySnapshotedAt", instant(r, "quantity_snapshoted_at"), "voidedAt", instant(r, "voided_at"),
                    "sentToCustomerAt", instant(r, "sent_to_customer_at"), "validationIssues", json(r.getString("validation_issues")),
                    "externalIds", json(r.getString("external_ids")), "createdAt", instant(r, "created_at"),
                    "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")), sink);
            case "invoice_lines" -> paged("SELECT id, invoice_id, position, name, description, metadata::text AS metadata, managed_by, status, "
                    + "period_from, period_to, service_from, service_to, invoice_at, rate_card::text AS rate_card, split_group_id, metered_quantity, "
                    + "metered_pre_line_period_quantity, quantity, pre_line_period_quantity, children::text AS children, "
                    + "usage_discount::text AS usage_discount, amount, charges_total, discounts_total, total, subscription::text AS subscription, "
                    + "child_unique_reference_id, created_at, updated_at FROM billing.invoice_lines", organizationId, r -> record(
                    "id", ulid(r, "id"), "invoiceId", ulid(r, "invoice_id"), "position", r.getInt("position"), "name", r.getString("name"),
                    "description", r.getString("description"), "metadata", json(r.getString("metadata")), "managedBy", r.getString("managed_by"),
                    "status", r.getString("status"), "period", record("from", instant(r, "period_from"), "to", instant(r, "period_to")),
                    "servicePeriod", record("from", instant(r, "service_from"), "to", instant(r, "service_to")),
                    "invoiceAt", instant(r, "invoice_at"), "rateCard", json(r.getString("rate_card")), "splitLineGroupId", ulid(r, "split_group_id"),
                    "meteredQuantity", r.getBigDecimal("metered_quantity"),
                    "meteredPreLinePeriodQuantity", r.getBigDecimal("metered_pre_line_period_quantity"), "quantity", r.getBigDecimal("quantity"),
                    "preLinePeriodQuantity", r.getBigDecimal("pre_line_period_quantity"), "detailedLines", json(r.getString("children")),
                    "usageDiscount", json(r.getString("usage_discount")), "totals", record("amount", r.getBigDecimal("amount"),
                            "chargesTotal", r.getBigDecimal("charges_total"), "discountsTotal", r.getBigDecimal("discounts_total"),
                            "total", r.getBigDecimal("total")),
                    "subscription", json(r.getString("subscription")), "childUniqueReferenceId", r.getString("child_unique_reference_id"),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at")), sink);
            default -> throw new IllegalArgumentException("billing keeps no resource '" + resource + "'");
        }
    }

    /** The rows of {@code select} (no WHERE of its own) in the namespace, a keyset page at a time on the time-ordered id. */
    private void paged(String select, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.inKeysetPages(jdbc, select + " WHERE namespace = ? AND id > ? ORDER BY id", List.of(organizationId), new UUID(0, 0), PAGE,
                r -> r.getObject("id", UUID.class), reader, sink);
    }

    /** The record, then what its terms hold (a subscription's phases, an add-on's timeline and rate cards) as stored. */
    private Map<String, Object> withTerms(Map<String, Object> record, String terms) {
        if (json(terms) instanceof Map<?, ?> stored) {
            stored.forEach((key, value) -> record.putIfAbsent(String.valueOf(key), value));
        }
        return record;
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private static String ulid(ResultSet r, String column) throws SQLException {
        UUID id = r.getObject(column, UUID.class);
        return id == null ? null : Ulid.of(id);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        return Sql.instant(r.getTimestamp(column));
    }

    private Object json(String text) {
        return JsonColumns.read(json, text);
    }
}
