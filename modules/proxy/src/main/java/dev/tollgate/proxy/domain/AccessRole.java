package dev.tollgate.proxy.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What a managed database's credential may do, as PlanetScale names it (ADR 0054), granted as PostgreSQL privileges
 * on the database's {@code public} schema so that PostgreSQL itself enforces it: a reader reads, a writer writes
 * without reading, a readwriter does both, an admin is a member of the database's owner (DDL included).
 */
public enum AccessRole {
    READER, WRITER, READWRITER, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccessRole> ofWire(String value) {
        for (AccessRole r : values()) {
            if (r.wire().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Table privileges (existing tables and those the owner creates later); empty for an admin, who owns them. */
    public String tablePrivileges() {
        return switch (this) {
            case READER -> "SELECT";
            case WRITER -> "INSERT, UPDATE, DELETE";
            case READWRITER -> "SELECT, INSERT, UPDATE, DELETE";
            case ADMIN -> "";
        };
    }

    /** Sequence privileges: inserting into a serial column takes the sequence's next value. */
    public String sequencePrivileges() {
        return switch (this) {
            case READER -> "SELECT";
            case WRITER, READWRITER -> "USAGE, SELECT";
            case ADMIN -> "";
        };
    }
}
