package dev.tollgate.proxy.domain;

/** libpq's sslmode for the upstream connection. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /**
     * Whether the proxy may send the password itself (cleartext) or its unsalted-per-server MD5 hash to the upstream:
     * only when the server proved its name ({@code verify-full}), or when the tenant chose an unencrypted connection
     * explicitly ({@code disable}). Under the modes in between an attacker in the path could present a certificate
     * (under {@code verify-ca}, any public CA's, for a name of its own) and ask for the password; SCRAM never reveals it.
     */
    public boolean mayRevealPassword() {
        return this == VERIFY_FULL || this == DISABLE;
    }

    public String wireName() {
        return WireEnums.wire(this);
    }

    public static SslMode parse(String field, String text) {
        return WireEnums.parse(SslMode.class, field, text);
    }
}
