package dev.tollgate.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.platform.http.ClientOrigin;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code session} cookie php-tenant's routes read: always HttpOnly and SameSite=Lax, and Secure whenever the
 * request came over HTTPS ({@link ClientOrigin}) or the operator forces it ({@code tollgate.auth.cookie-secure: true},
 * for deployments behind TLS-terminating proxies that do not say so).
 */
@Singleton
final class SessionCookie {
    /** The cookie the auth adapter (CallerArgumentBinder) reads back. */
    static final String NAME = "session";
    private final ClientOrigin origin;
    private final boolean forceSecure;
    private final Clock clock;

    SessionCookie(ClientOrigin origin, @Value("${tollgate.auth.cookie-secure:false}") boolean forceSecure, Clock clock) {
        this.origin = origin;
        this.clock = clock;
        this.forceSecure = forceSecure;
    }

    /** Lives as long as the session: expiresAt was computed on the application's clock, so is its Max-Age. */
    public Cookie issue(HttpRequest<?> request, String secret, Instant expiresAt) {
        return base(request, secret).maxAge(Duration.between(clock.instant(), expiresAt));
    }

    /** Replaces the cookie with an expired, empty one (same attributes, so browsers match it). */
    public Cookie clear(HttpRequest<?> request) {
        return base(request, "").maxAge(0);
    }

    private Cookie base(HttpRequest<?> request, String value) {
        return Cookie.of(NAME, value)
                .httpOnly(true)
                .sameSite(SameSite.Lax)
                .secure(forceSecure || origin.isHttps(request))
                .path("/");
    }
}
