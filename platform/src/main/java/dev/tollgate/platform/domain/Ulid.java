package dev.tollgate.platform.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * OpenMeter's ids are ULIDs: 128 bits in 26 characters of Crockford base32. Tollgate's UUIDv7 ids, written the way
 * {@link TypeId} writes them without the prefix, are exactly that (time-ordered too).
 */
public final class Ulid {
    private Ulid() {
    }

    public static String of(UUID id) {
        return TypeId.format("x", id).substring(2);
    }

    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 26) {
            return Optional.empty();
        }
        try {
            return Optional.of(TypeId.parse("x", "x_" + text.toLowerCase()));
        } catch (IllegalArgumentException notAUlid) {
            return Optional.empty();
        }
    }
}
