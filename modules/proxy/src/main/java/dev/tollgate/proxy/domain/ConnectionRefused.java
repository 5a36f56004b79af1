package dev.tollgate.proxy.domain;

/**
 * Why the data plane turns a client away, with the PostgreSQL SQLSTATE the client will see in its ErrorResponse
 * (e.g. {@code 3D000} unknown database, {@code 28000} address not allowed, {@code 28P01} wrong password).
 */
public final class ConnectionRefused extends RuntimeException {
    private final String sqlState;

    public ConnectionRefused(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
