package dev.tollgate.tenancy.adapters.out.config;

import dev.tollgate.platform.ratelimit.RateLimiter;
import dev.tollgate.tenancy.application.port.out.LoginLimits;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code tollgate.auth.login.per-email} password logins per minute for one email (default 10). */
@Singleton
final class ConfiguredLoginLimits implements LoginLimits {
    private final RateLimiter.Limit perEmail;

    ConfiguredLoginLimits(@Value("${tollgate.auth.login.per-email:10}") long perEmail) {
        this.perEmail = new RateLimiter.Limit("login-email", perEmail, Duration.ofMinutes(1));
    }

    @Override
    public RateLimiter.Limit perEmail() {
        return perEmail;
    }
}
