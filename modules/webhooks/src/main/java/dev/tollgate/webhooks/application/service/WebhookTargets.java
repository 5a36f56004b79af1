package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.webhooks.application.port.out.DestinationGuard;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The URL rules every dialect shares: at most 2048 characters and allowed by the destination guard (SSRF). A refusal
 * is a validation failure with code {@link #INVALID_URL} and the guard's reason.
 */
@Singleton
final class WebhookTargets {
    static final String INVALID_URL = "invalid_webhook_url";
    static final int MAX_URL_LENGTH = 2048;
    private final DestinationGuard guard;

    WebhookTargets(DestinationGuard guard) {
        this.guard = guard;
    }

    /** The URL when allowed. */
    String require(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new ValidationException("url", "The url field must not be greater than " + MAX_URL_LENGTH + " characters.");
        }
        guard.refusal(url).ifPresent(reason -> {
            throw new ValidationException(INVALID_URL, List.of(new FieldError("url", reason)));
        });
        return url;
    }
}
