package dev.tollgate.tenancy.application.port.out;

/**
 * A slow, salted KDF for login passwords. Its work is bounded: beyond what it accepts at once, {@code hash} and
 * {@code matches} throw {@link dev.tollgate.platform.domain.RateLimitedException} (the caller's 429) instead of queueing.
 */
public interface PasswordHasher {
    String hash(String password);

    boolean matches(String password, String hash);
}
