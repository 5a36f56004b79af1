package dev.tollgate.webhooks.domain;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret. Tollgate generates Standard Webhooks secrets ({@code whsec_} and the base64 of 24
 * random bytes, the size Svix and OpenMeter recommend); a tenant may bring its own. The HMAC key is what the Standard
 * Webhooks libraries derive: the decoded base64 after {@code whsec_}; for a secret without that prefix (php-tenant and
 * PlanetScale accept any string), its UTF-8 bytes (ADR 0048).
 */
public record SigningSecret(String value) {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static SigningSecret generate() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The bytes the HMAC is keyed with. */
    public byte[] key() {
        if (value.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // A tenant's own whsec_-looking secret that is not base64: signed with its bytes, like any other.
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SigningSecret[redacted]";
    }
}
