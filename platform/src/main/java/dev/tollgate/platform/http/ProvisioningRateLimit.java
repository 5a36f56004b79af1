package dev.tollgate.platform.http;

import dev.tollgate.platform.ratelimit.RateLimiter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * php-tenant's provisioning API allows 60 requests per minute per API key; over that, 429 with Retry-After in the
 * dialect's shape. The key is identified by a hash of its Authorization header, so the limit applies before (and
 * whether or not) the key is valid, and no secret is kept in memory.
 */
@ServerFilter("/api/provisioning/**")
final class ProvisioningRateLimit {
    static final RateLimiter.Limit PER_KEY = new RateLimiter.Limit("php-tenant-provisioning", 60, Duration.ofMinutes(1));
    private final RateLimiter limiter;

    ProvisioningRateLimit(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @RequestFilter
    void limit(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String key = authorization == null ? "anonymous:" + request.getRemoteAddress().getAddress().getHostAddress() : sha256(authorization);
        limiter.acquire(PER_KEY, key);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
