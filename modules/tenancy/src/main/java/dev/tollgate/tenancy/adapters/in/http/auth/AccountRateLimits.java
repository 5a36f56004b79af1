package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.platform.http.ClientOrigin;
import dev.tollgate.platform.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

/**
 * Public account routes, limited per client address ({@link ClientOrigin}) before any work is done: password logins
 * ({@code tollgate.auth.login.per-address} a minute, default 30) and account creation, Tollgate's own sign-up and
 * Centrali's {@code POST /workspace/api/v1} ({@code tollgate.auth.signup.per-address} per 10 minutes, default 20).
 * Over the limit: the dialect's 429 with Retry-After. Logins are also limited per email (AuthenticationService).
 */
@ServerFilter(value = {"/v1/auth/login", "/v1/auth/signup", "/workspace/api/v1", "/workspace/api/v1/"}, methods = HttpMethod.POST)
final class AccountRateLimits {
    private final RateLimiter limiter;
    private final ClientOrigin origin;
    private final RateLimiter.Limit logins;
    private final RateLimiter.Limit signUps;

    AccountRateLimits(RateLimiter limiter, ClientOrigin origin,
                      @Value("${tollgate.auth.login.per-address:30}") long loginsPerMinute,
                      @Value("${tollgate.auth.signup.per-address:20}") long signUpsPer10Minutes) {
        this.limiter = limiter;
        this.origin = origin;
        this.logins = new RateLimiter.Limit("login-address", loginsPerMinute, Duration.ofMinutes(1));
        this.signUps = new RateLimiter.Limit("signup-address", signUpsPer10Minutes, Duration.ofMinutes(10));
    }

    @RequestFilter
    void limit(HttpRequest<?> request) {
        limiter.acquire(request.getPath().equals("/v1/auth/login") ? logins : signUps, origin.address(request));
    }
}
