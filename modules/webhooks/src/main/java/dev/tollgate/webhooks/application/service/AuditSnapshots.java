package dev.tollgate.webhooks.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.NotificationRule;
import java.net.URI;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the audit log keeps of webhook endpoints, notification channels and rules before and after a change. Never a
 * signing secret, nor the custom headers' values (they often carry credentials), nor a URL's path and query (a Slack
 * or Discord URL is itself a credential): the URL's host only.
 */
final class AuditSnapshots {
    private AuditSnapshots() {
    }

    static Map<String, Object> of(Endpoint e) {
        return fields("name", e.name(), "url_host", host(e.url()), "events", e.events(), "active", e.active(), "max_attempts", e.maxAttempts(),
                "scope", e.scope(), "metadata", e.metadata(), "custom_header_names", new TreeSet<>(e.customHeaders().keySet()),
                "deleted_at", e.deletedAt());
    }

    static Map<String, Object> of(NotificationRule r) {
        return fields("type", r.type(), "name", r.name(), "disabled", r.disabled(), "metadata", r.metadata(),
                "thresholds", r.thresholds().stream().map(t -> t.value() + " " + t.type()).toList(),
                "features", r.features().stream().map(f -> f.key() != null ? f.key() : Ulid.of(f.id())).toList(),
                "channels", r.channels().stream().map(Ulid::of).toList(), "deleted_at", r.deletedAt());
    }

    static String host(String url) {
        try {
            return url == null ? null : URI.create(url).getHost();
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }
}
