package dev.tollgate.tenancy.adapters.out.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.tollgate.tenancy.application.port.out.PasswordHasher;
import jakarta.inject.Singleton;

/**
 * Argon2id (OWASP's first choice) via password4j; parameters travel inside the PHC-format hash. Every hash and check
 * goes through {@link PasswordWorkLimit}, which bounds how many run and wait at once.
 */
@Singleton
final class Argon2PasswordHasher implements PasswordHasher {
    // 19 MiB, 2 passes, 1 lane: OWASP's minimum recommended Argon2id configuration.
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private final PasswordWorkLimit limit;

    Argon2PasswordHasher(PasswordWorkLimit limit) {
        this.limit = limit;
    }

    @Override
    public String hash(String password) {
        return limit.run(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
    }

    @Override
    public boolean matches(String password, String hash) {
        return limit.run(() -> Password.check(password, hash).with(ARGON2ID));
    }
}
