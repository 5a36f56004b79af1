package dev.tollgate.proxy.domain;

/** A primary takes writes; a replica-role database only serves reads. */
public enum DatabaseRole {
    PRIMARY, REPLICA;

    public String wireName() {
        return WireEnums.wire(this);
    }

    public static DatabaseRole parse(String field, String text) {
        return WireEnums.parse(DatabaseRole.class, field, text);
    }
}
