package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Instant;
import java.util.UUID;

/** A read replica of a registered database; it uses the database's credentials. */
public record Replica(UUID id, UUID databaseId, String host, int port, SslMode sslMode, Instant createdAt, Instant updatedAt) {

    public static Replica register(UUID databaseId, String host, Integer port, String sslMode, SslMode inherited, Instant now) {
        if (port == null) {
            throw new dev.tollgate.platform.domain.ValidationException("port", "is required");
        }
        return new Replica(TypeId.newUuid(), databaseId, Limits.text("host", host, 1, 255, false),
                Limits.range("port", port, 1, 65_535, 5432), sslMode == null ? inherited : SslMode.parse("ssl_mode", sslMode),
                now, now);
    }

    public String publicId() {
        return TypeId.format("rep", id);
    }
}
