package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Instant;
import java.util.UUID;

/**
 * One of a project's allowed client networks as PlanetScale's IP restrictions show it (ADR 0056): the allowlist entry
 * with the id and time it was first allowed, whichever face (PgBeam's allowed_cidrs, PlanetScale's postgres-cidrs) added it.
 */
public record AllowedNetwork(UUID id, String cidr, String label, Instant createdAt) {
    public String publicId() {
        return TypeId.format("ipr", id);
    }
}
