package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What a client connection may hold: the time to authenticate ({@code tollgate.proxy.client-login-timeout}, like
 * PgBouncer's {@code client_login_timeout}), how long it may sit idle once logged in, and the largest message after login
 * ({@code tollgate.proxy.max-message-size}). Before login, messages are limited to what PostgreSQL itself accepts
 * there ({@link PgWire#MAX_STARTUP_LENGTH}, {@link PgWire#MAX_AUTH_MESSAGE_LENGTH}).
 */
@Singleton
final class FrontendLimits {
    final Duration loginTimeout;
    final int maxMessageSize;
    /** {@code tollgate.proxy.client-idle-timeout} (PgBouncer's client_idle_timeout); zero keeps idle clients. */
    final Duration idleTimeout;

    FrontendLimits(@Value("${tollgate.proxy.client-login-timeout:15s}") Duration loginTimeout,
                   @Value("${tollgate.proxy.max-message-size:16777216}") int maxMessageSize,
                   @Value("${tollgate.proxy.client-idle-timeout:0s}") Duration idleTimeout) {
        this.loginTimeout = loginTimeout;
        this.maxMessageSize = maxMessageSize;
        this.idleTimeout = idleTimeout;
    }
}
