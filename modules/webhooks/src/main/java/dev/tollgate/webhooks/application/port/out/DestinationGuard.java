package dev.tollgate.webhooks.application.port.out;

import java.util.Optional;

/**
 * Whether a tenant may aim webhooks at a URL: an absolute http(s) URL whose host resolves only to addresses Tollgate
 * may reach (public ones, or inside the operator's {@code TOLLGATE_WEBHOOKS_ALLOWED_TARGETS}); plain http only to the
 * operator's allowed networks. Asked at creation, at update and before a test send; the transport judges again at
 * every connection.
 */
public interface DestinationGuard {
    /** Why the URL is refused, or empty when it is allowed. */
    Optional<String> refusal(String url);
}
