package dev.tollgate.tenancy.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.domain.Invitation;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.Team;
import java.util.Map;
import java.util.TreeSet;

/** What the audit log keeps of each tenancy resource before and after a change: names and settings, never a secret. */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(Organization o) {
        return fields("name", o.name(), "slug", o.slug().value(), "description", o.description(), "icon", o.icon(), "color", o.color(),
                "active", o.active(), "billing_email", o.billingEmail(), "deleted_at", o.deletedAt());
    }

    static Map<String, Object> of(Membership m, String email) {
        return fields("user_id", m.userId(), "email", email, "role", m.role().wireName());
    }

    static Map<String, Object> of(Invitation i) {
        return fields("email", i.email(), "role", i.role().wireName(), "expires_at", i.expiresAt());
    }

    static Map<String, Object> of(Team t) {
        return fields("slug", t.slug(), "name", t.name(), "description", t.description());
    }

    static Map<String, Object> of(ApiKey k) {
        return fields("name", k.name(), "prefix", k.prefix(), "scopes", new TreeSet<>(k.scopes()), "revoked_at", k.revokedAt());
    }

    static Map<String, Object> of(ServiceToken t) {
        return fields("name", t.name());
    }

    static Map<String, Object> of(Customer c) {
        return fields("name", c.name(), "key", c.key(), "subject_keys", c.subjectKeys(), "primary_email", c.primaryEmail(),
                "currency", c.currency());
    }
}
