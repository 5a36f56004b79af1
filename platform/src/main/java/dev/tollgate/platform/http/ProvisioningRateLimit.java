package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.platform.ratelimit.RateLimiter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

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
        String key = authorization == null ? "anonymous:" + request.getRemoteAddress().getAddress().getHostAddress() : Sha256.hex(authorization);
        limiter.acquire(PER_KEY, key);
    }

}
