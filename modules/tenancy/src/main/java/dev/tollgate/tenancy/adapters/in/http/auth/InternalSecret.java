package dev.tollgate.tenancy.adapters.in.http.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The platform operator's credential: the {@code X-Internal-Secret} header must equal {@code tollgate.internal-secret}
 * (compared in constant time). With no secret configured nobody is the operator.
 */
@Singleton
final class InternalSecret {
    static final String HEADER = "X-Internal-Secret";
    private final byte[] expected;

    InternalSecret(@Nullable @Value("${tollgate.internal-secret}") String secret) {
        this.expected = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String offered) {
        return expected != null && offered != null && MessageDigest.isEqual(expected, offered.getBytes(StandardCharsets.UTF_8));
    }
}
