package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;

/**
 * A PlanetScale-style service token: {@code Authorization: ServiceToken <id>:<token>}. What it may do is
 * the set of {@link ServiceTokenAccess} grants attached to it; a new token has none.
 */
public record ServiceToken(UUID id, String publicId, UUID organizationId, String name, String secretHash,
                           Instant createdAt, Instant lastUsedAt) {

    public record Issued(ServiceToken token, String plaintext) {
    }

    public static Issued issue(UUID organizationId, String name, Instant now) {
        String chosen = name == null || name.isBlank() ? "service token" : name.strip();
        if (chosen.length() > 100) {
            throw new ValidationException("name", "must be at most 100 characters");
        }
        String plaintext = Secrets.generate("pscale_tkn_");
        UUID id = TypeId.newUuid();
        return new Issued(new ServiceToken(id, TypeId.format("stk", id), organizationId, chosen, Secrets.hash(plaintext), now, null),
                plaintext);
    }
}
