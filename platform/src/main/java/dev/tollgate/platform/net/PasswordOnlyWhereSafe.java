package dev.tollgate.platform.net;

import java.util.Properties;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The password for the PostgreSQL JDBC driver (its {@code authenticationPluginClassName} property), handed over for
 * SCRAM always, but in clear text or as MD5 only when {@link #REVEAL_ALLOWED} says the server proved its name or the
 * connection is plain by choice: otherwise whoever answered could simply ask for it. The driver itself would answer
 * any request. Public because the driver instantiates it by reflection with the connection's properties.
 */
public final class PasswordOnlyWhereSafe implements AuthenticationPlugin {
    /** The password, in the connection properties (not {@code password}, which the driver would use on its own). */
    public static final String PASSWORD = "tollgate.password";
    /** {@code true} when a cleartext or MD5 request may be answered. */
    public static final String REVEAL_ALLOWED = "tollgate.revealPasswordAllowed";
    /** How a refusal begins, for callers that describe it. */
    public static final String REFUSAL = "the server asked for the password in clear text or MD5";

    private final char[] password;
    private final boolean revealAllowed;

    public PasswordOnlyWhereSafe(Properties info) {
        this.password = info.getProperty(PASSWORD, "").toCharArray();
        this.revealAllowed = Boolean.parseBoolean(info.getProperty(REVEAL_ALLOWED, "false"));
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
        boolean reveals = type == AuthenticationRequestType.CLEARTEXT_PASSWORD || type == AuthenticationRequestType.MD5_PASSWORD;
        if (reveals && !revealAllowed) {
            throw new PSQLException(REFUSAL + " over a connection whose server was not verified", PSQLState.INVALID_AUTHORIZATION_SPECIFICATION);
        }
        return password.clone();
    }
}
