package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.platform.domain.UnauthenticatedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code /v1/internal/*} is for Tollgate's own operators and back-office jobs: it requires the
 * {@code X-Internal-Secret} header to equal {@code tollgate.internal-secret}. With no secret configured the
 * routes are closed to everyone.
 */
@ServerFilter("/v1/internal/**")
final class InternalSecretFilter {
    private final InternalSecret secret;

    InternalSecretFilter(InternalSecret secret) {
        this.secret = secret;
    }

    @RequestFilter
    void requireSecret(HttpRequest<?> request) {
        if (!secret.matches(request.getHeaders().get(InternalSecret.HEADER))) {
            throw new UnauthenticatedException("The " + InternalSecret.HEADER + " header is missing or wrong");
        }
    }
}
