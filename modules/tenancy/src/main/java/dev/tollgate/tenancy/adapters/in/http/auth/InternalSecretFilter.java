package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.platform.domain.UnauthenticatedException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /v1/internal/*} is for Tollgate's own operators and back-office jobs: it requires the
 * {@code X-Internal-Secret} header to equal {@code tollgate.internal-secret}. With no secret configured the
 * routes are closed to everyone.
 */
@ServerFilter("/v1/internal/**")
final class InternalSecretFilter {
    static final String HEADER = "X-Internal-Secret";
    private final byte[] expected;

    InternalSecretFilter(@Nullable @Value("${tollgate.internal-secret}") String secret) {
        this.expected = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    void requireSecret(HttpRequest<?> request) {
        String offered = request.getHeaders().get(HEADER);
        if (expected == null || offered == null
                || !MessageDigest.isEqual(expected, offered.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthenticatedException("The " + HEADER + " header is missing or wrong");
        }
    }
}
