package dev.tollgate.proxy.domain;

/** When a client gives its upstream connection back: at disconnect, at transaction end, or after each statement. */
public enum PoolMode {
    SESSION, TRANSACTION, STATEMENT;

    public String wireName() {
        return WireEnums.wire(this);
    }

    public static PoolMode parse(String field, String text) {
        return WireEnums.parse(PoolMode.class, field, text);
    }
}
