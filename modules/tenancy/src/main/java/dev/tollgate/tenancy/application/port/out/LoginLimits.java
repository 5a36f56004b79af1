package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.ratelimit.RateLimiter;

/** How often one email may attempt a password login (the per-address limits are the HTTP adapter's). */
public interface LoginLimits {
    RateLimiter.Limit perEmail();
}
