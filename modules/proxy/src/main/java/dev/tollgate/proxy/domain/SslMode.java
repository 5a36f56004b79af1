package dev.tollgate.proxy.domain;

/** libpq's sslmode for the upstream connection. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    public String wireName() {
        return WireEnums.wire(this);
    }

    public static SslMode parse(String field, String text) {
        return WireEnums.parse(SslMode.class, field, text);
    }
}
