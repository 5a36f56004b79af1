package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The entitlements module's part of a workspace export, read with explicit SQL: the OpenMeter entitlements of the
 * organization's namespace (its id) with their grants and manual usage resets; the packages billing partners
 * provisioned into it and the usage recorded through php-tenant; its billing state and spend cap; cancellation
 * feedback; and its marketplace purchases (Vercel installations, AWS subscriptions) with Vercel's resources and the usage
 * reported to the vendor. OpenMeter ids are ULIDs, organizations and users their {@code org_}/{@code usr_} ids.
 *
 * <p>Left out on purpose: {@code marketplace_accounts.access_token_sealed} (Vercel's installation access token) and
 * {@code marketplace_accounts.claim_token_hash} (the hash of AWS's one-time claim token); {@code
 * cancellation_feedback.credential_id} (which session or key was used, not what was said);
 * {@code vercel_resources.idempotency_key} and {@code grants.expiry_announced_at} (delivery bookkeeping).
 *
 * <p>Usage records and usage reports grow with time: they are read a keyset page at a time.
 */
@Singleton
class JdbcEntitlementsExportSource implements WorkspaceExportSource {
    static final int PAGE = 1000;
    private static final List<String> RESOURCES = List.of("entitlements", "grants", "usage_resets", "packages", "usage_records",
            "billing_state", "spend_cap", "cancellation_feedback", "marketplace_accounts", "vercel_resources", "marketplace_usage_reports");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcEntitlementsExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "entitlements";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "entitlements" -> each("SELECT id, customer_id, customer_key, subject_key, feature_id, feature_key, type, "
                    + "metadata::text AS metadata, annotations::text AS annotations, active_from, active_to, is_soft_limit, issue_amount, "
                    + "issue_priority, preserve_overage_at_reset, usage_period_interval, usage_period_anchor, measure_usage_from, config, "
                    + "created_at, updated_at, deleted_at FROM entitlements.entitlements WHERE namespace = ? ORDER BY created_at, id",
                    organizationId, r -> record("id", ulid(r, "id"), "customerId", ulid(r, "customer_id"), "customerKey", r.getString("customer_key"),
                            "subjectKey", r.getString("subject_key"), "featureId", ulid(r, "feature_id"), "featureKey", r.getString("feature_key"),
                            "type", r.getString("type"), "metadata", json(r.getString("metadata")), "annotations", json(r.getString("annotations")),
                            "activeFrom", instant(r, "active_from"), "activeTo", instant(r, "active_to"), "isSoftLimit", r.getBoolean("is_soft_limit"),
                            "issueAmount", r.getBigDecimal("issue_amount"), "issuePriority", r.getInt("issue_priority"),
                            "preserveOverageAtReset", r.getBoolean("preserve_overage_at_reset"),
                            "usagePeriodInterval", r.getString("usage_period_interval"), "usagePeriodAnchor", instant(r, "usage_period_anchor"),
                            "measureUsageFrom", instant(r, "measure_usage_from"), "config", r.getString("config"),
                            "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")), sink);
            case "grants" -> each("SELECT id, entitlement_id, amount, priority, effective_at, expiration_duration, expiration_count, "
                    + "expires_at, max_rollover, min_rollover, recurrence_interval, recurrence_anchor, metadata::text AS metadata, "
                    + "annotations::text AS annotations, created_at, updated_at, deleted_at, voided_at FROM entitlements.grants "
                    + "WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> record("id", ulid(r, "id"),
                    "entitlementId", ulid(r, "entitlement_id"), "amount", r.getBigDecimal("amount"), "priority", r.getInt("priority"),
                    "effectiveAt", instant(r, "effective_at"), "expirationDuration", r.getString("expiration_duration"),
                    "expirationCount", r.getObject("expiration_count"), "expiresAt", instant(r, "expires_at"),
                    "maxRolloverAmount", r.getBigDecimal("max_rollover"), "minRolloverAmount", r.getBigDecimal("min_rollover"),
                    "recurrenceInterval", r.getString("recurrence_interval"), "recurrenceAnchor", instant(r, "recurrence_anchor"),
                    "metadata", json(r.getString("metadata")), "annotations", json(r.getString("annotations")),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at"),
                    "voidedAt", instant(r, "voided_at")), sink);
            case "usage_resets" -> each("SELECT x.id, x.entitlement_id, x.at, x.retain_anchor, x.preserve_overage, x.created_at "
                    + "FROM entitlements.resets x JOIN entitlements.entitlements e ON e.id = x.entitlement_id WHERE e.namespace = ? "
                    + "ORDER BY x.created_at, x.id", organizationId, r -> record("id", ulid(r, "id"), "entitlementId", ulid(r, "entitlement_id"),
                    "effectiveAt", instant(r, "at"), "retainAnchor", r.getBoolean("retain_anchor"),
                    "preserveOverage", r.getObject("preserve_overage"), "createdAt", instant(r, "created_at")), sink);
            case "packages" -> each("SELECT id, partner_id, product_kind, product_key, product_code, product_name, status, status_reason, "
                    + "starts_at, expires_at, billing_cycle_anchor, blesta_service_id, created_at, updated_at FROM entitlements.packages "
                    + "WHERE organization_id = ? ORDER BY id", organizationId, r -> record("id", r.getLong("id"),
                    "partnerId", TypeId.format("org", r.getObject("partner_id", UUID.class)), "productKind", r.getString("product_kind"),
                    "productKey", r.getString("product_key"), "productCode", r.getString("product_code"),
                    "productName", r.getString("product_name"), "status", r.getString("status"), "statusReason", r.getString("status_reason"),
                    "startsAt", instant(r, "starts_at"), "expiresAt", instant(r, "expires_at"),
                    "billingCycleAnchor", instant(r, "billing_cycle_anchor"), "blestaServiceId", r.getString("blesta_service_id"),
                    "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at")), sink);
            case "usage_records" -> usageRecords(organizationId, sink);
            case "billing_state" -> each("SELECT billing_provider, subscription_status, stripe_customer_id, stripe_subscription_id, updated_at "
                    + "FROM entitlements.organization_billing WHERE organization_id = ?", organizationId, r -> record(
                    "billingProvider", r.getString("billing_provider"), "subscriptionStatus", r.getString("subscription_status"),
                    "stripeCustomerId", r.getString("stripe_customer_id"), "stripeSubscriptionId", r.getString("stripe_subscription_id"),
                    "updatedAt", instant(r, "updated_at")), sink);
            case "spend_cap" -> each("SELECT spend_limit, overage_enabled, overage_enabled_at, charges, currency, period_start, period_end, "
                    + "alerted_percent, reached, evaluated_at, updated_at FROM entitlements.spend_caps WHERE organization_id = ?",
                    organizationId, r -> record("spendLimit", r.getBigDecimal("spend_limit"), "overageEnabled", r.getBoolean("overage_enabled"),
                            "overageEnabledAt", instant(r, "overage_enabled_at"), "charges", r.getBigDecimal("charges"),
                            "currency", r.getString("currency"), "periodStart", instant(r, "period_start"), "periodEnd", instant(r, "period_end"),
                            "alertedPercent", r.getInt("alerted_percent"), "reached", r.getBoolean("reached"),
                            "evaluatedAt", instant(r, "evaluated_at"), "updatedAt", instant(r, "updated_at")), sink);
            case "cancellation_feedback" -> each("SELECT id, user_id, reason, feedback, created_at FROM entitlements.cancellation_feedback "
                    + "WHERE organization_id = ? ORDER BY created_at, id", organizationId, r -> record("id", r.getString("id"),
                    "userId", r.getObject("user_id") == null ? null : TypeId.format("usr", r.getObject("user_id", UUID.class)),
                    "reason", r.getString("reason"), "feedback", r.getString("feedback"), "createdAt", instant(r, "created_at")), sink);
            case "marketplace_accounts" -> each("SELECT id, provider, external_id, vendor_account_id, product_code, plan, status, created_at, "
                    + "updated_at, ended_at FROM entitlements.marketplace_accounts WHERE organization_id = ? ORDER BY created_at, id",
                    organizationId, r -> record("id", r.getString("id"), "provider", r.getString("provider"), "externalId", r.getString("external_id"),
                            "vendorAccountId", r.getString("vendor_account_id"), "productCode", r.getString("product_code"),
                            "plan", r.getString("plan"), "status", r.getString("status"), "createdAt", instant(r, "created_at"),
                            "updatedAt", instant(r, "updated_at"), "endedAt", instant(r, "ended_at")), sink);
            case "vercel_resources" -> each("SELECT v.id, v.installation_id, v.product_id, v.name, v.metadata::text AS metadata, v.created_at, "
                    + "v.deleted_at FROM entitlements.vercel_resources v JOIN entitlements.marketplace_accounts a "
                    + "ON a.provider = 'vercel' AND a.external_id = v.installation_id WHERE a.organization_id = ? ORDER BY v.created_at, v.id",
                    organizationId, r -> record("id", r.getString("id"), "installationId", r.getString("installation_id"),
                            "productId", r.getString("product_id"), "name", r.getString("name"), "metadata", json(r.getString("metadata")),
                            "createdAt", instant(r, "created_at"), "deletedAt", instant(r, "deleted_at")), sink);
            case "marketplace_usage_reports" -> usageReports(organizationId, sink);
            default -> throw new IllegalArgumentException("the entitlements module keeps no resource '" + resource + "'");
        }
    }

    /** Oldest first, a keyset page at a time on the identity id. */
    private void usageRecords(UUID organizationId, Consumer<Map<String, ?>> sink) {
        Sql.inKeysetPages(jdbc, "SELECT id, feature_key, quantity, metadata::text AS metadata, recorded_by, created_at "
                + "FROM entitlements.usage_records WHERE organization_id = ? AND id > ? ORDER BY id", List.of(organizationId), 0L, PAGE,
                r -> r.getLong("id"), r -> record("id", r.getLong("id"), "featureKey", r.getString("feature_key"),
                        "quantity", r.getLong("quantity"), "metadata", json(r.getString("metadata")),
                        "recordedBy", TypeId.format("org", r.getObject("recorded_by", UUID.class)), "createdAt", instant(r, "created_at")),
                sink);
    }

    /** Hour by hour, a keyset page at a time on (hour, provider, external id, dimension), the table's key reordered. */
    private void usageReports(UUID organizationId, Consumer<Map<String, ?>> sink) {
        ReportKey after = null;
        while (true) {
            String where = after == null ? "" : " AND (u.hour, u.provider, u.external_id, u.dimension) > (?, ?, ?, ?)";
            List<Object> parameters = after == null ? List.of(organizationId)
                    : List.of(organizationId, after.hour(), after.provider(), after.externalId(), after.dimension());
            List<Map.Entry<ReportKey, Map<String, Object>>> page = Sql.query(jdbc, "SELECT u.provider, u.external_id, u.hour, u.dimension, "
                    + "u.quantity, u.reported_at FROM entitlements.marketplace_usage_reports u JOIN entitlements.marketplace_accounts a "
                    + "ON a.provider = u.provider AND a.external_id = u.external_id WHERE a.organization_id = ?" + where
                    + " ORDER BY u.hour, u.provider, u.external_id, u.dimension LIMIT " + PAGE, parameters, r -> Map.entry(
                    new ReportKey(r.getObject("hour", OffsetDateTime.class), r.getString("provider"), r.getString("external_id"),
                            r.getString("dimension")),
                    record("provider", r.getString("provider"), "externalId", r.getString("external_id"), "hour", instant(r, "hour"),
                            "dimension", r.getString("dimension"), "quantity", r.getBigDecimal("quantity"),
                            "reportedAt", instant(r, "reported_at"))));
            page.forEach(entry -> sink.accept(entry.getValue()));
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).getKey();
        }
    }

    /** Where the last page of usage reports ended. */
    private record ReportKey(OffsetDateTime hour, String provider, String externalId, String dimension) {
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private static String ulid(ResultSet r, String column) throws SQLException {
        UUID id = r.getObject(column, UUID.class);
        return id == null ? null : Ulid.of(id);
    }

    private static java.time.Instant instant(ResultSet r, String column) throws SQLException {
        return Sql.instant(r.getTimestamp(column));
    }

    private Object json(String text) {
        return JsonColumns.read(json, text);
    }
}
