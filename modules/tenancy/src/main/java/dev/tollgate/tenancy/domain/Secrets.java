package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets (API keys, service tokens, sessions): 256 random bits shown once, stored as SHA-256. A fast
 * hash is right here, unlike for passwords: the input has full entropy, so there is nothing to brute-force,
 * and every authenticated request must look the hash up.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
