package dev.tollgate.metering.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.PortalToken;
import dev.tollgate.metering.domain.Subject;
import java.util.Map;

/** What the audit log keeps of each metering resource before and after a change: definitions, never a token. */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(Meter m) {
        return fields("slug", m.slug(), "name", m.name(), "description", m.description(), "aggregation", m.aggregation(),
                "event_type", m.eventType(), "value_property", m.valueProperty(), "group_by", m.groupBy(), "metadata", m.metadata(),
                "deleted_at", m.deletedAt());
    }

    static Map<String, Object> of(Subject s) {
        return fields("key", s.key(), "display_name", s.displayName(), "current_period_start", s.currentPeriodStart(),
                "current_period_end", s.currentPeriodEnd(), "stripe_customer_id", s.stripeCustomerId());
    }

    /** The token's scope only: its secret and hash stay out. */
    static Map<String, Object> of(PortalToken t) {
        return fields("subject", t.subject(), "allowed_meter_slugs", t.allowedMeterSlugs(), "expires_at", t.expiresAt());
    }
}
