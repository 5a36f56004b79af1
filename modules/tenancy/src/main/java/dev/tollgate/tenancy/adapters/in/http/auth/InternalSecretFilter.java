package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.platform.domain.UnauthenticatedException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code /v1/internal/*} is for Tollgate's own operators and back-office jobs: it requires the
 * {@code X-Internal-Secret} header to equal {@code tollgate.internal-secret}. The Prometheus scrape endpoint
 * {@code /metrics} needs the same secret, sent either way or as {@code Authorization: Bearer <secret>} (what
 * Prometheus' {@code authorization} scrape setting sends), and so does Centrali's {@code /workspace/api/v1/metrics}. With no secret configured these routes are closed to everyone.
 */
@ServerFilter({"/v1/internal/**", "/metrics", "/metrics/**", "/workspace/api/v1/metrics"})
final class InternalSecretFilter {
    private final InternalSecret secret;

    InternalSecretFilter(InternalSecret secret) {
        this.secret = secret;
    }

    @RequestFilter
    void requireSecret(HttpRequest<?> request) {
        if (secret.matches(request.getHeaders().get(InternalSecret.HEADER))) {
            return;
        }
        if (!request.getPath().startsWith("/v1/internal") && secret.matches(bearer(request))) {
            return;
        }
        throw new UnauthenticatedException("The " + InternalSecret.HEADER + " header is missing or wrong");
    }

    private static String bearer(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }
}
