package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.platform.ratelimit.RateLimiter;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import java.time.Duration;

/**
 * php-tenant's provisioning API allows 60 requests per minute per API key; over that, 429 with Retry-After in the
 * dialect's shape. The key is identified by a hash of its Authorization header, so no secret is kept in memory, and
 * the limit runs before routing and before {@code AuthenticationFirst} (order -1000 < 0): a guessed key is limited
 * like a valid one instead of earning unlimited 401s.
 */
@ServerFilter("/api/provisioning/**")
final class ProvisioningRateLimit {
    static final RateLimiter.Limit PER_KEY = new RateLimiter.Limit("php-tenant-provisioning", 60, Duration.ofMinutes(1));
    private final RateLimiter limiter;

    ProvisioningRateLimit(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @PreMatching
    @Order(-1000)
    @RequestFilter
    void limit(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String key = authorization == null ? "anonymous:" + request.getRemoteAddress().getAddress().getHostAddress() : Sha256.hex(authorization);
        limiter.acquire(PER_KEY, key);
    }

}
