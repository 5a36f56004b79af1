package dev.tollgate.proxy.adapters.out.upstream;

import dev.tollgate.platform.net.PasswordOnlyWhereSafe;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * What a failed connection test tells the tenant: a sentence of Tollgate's with the SQLSTATE, chosen by the kind of
 * failure. The driver's own text is never passed on: it can quote bytes another host sent, or name internals of the
 * machine that answered.
 */
final class ProbeFailure {
    private ProbeFailure() {
    }

    static String describe(SQLException e, String host, int port, String database, String username) {
        String state = e.getSQLState();
        String where = host + ":" + port;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && state != null) {
            return serverRefused(state, database, username) + " (SQLSTATE " + state + ")";
        }
        if (e.getMessage() != null && e.getMessage().startsWith(PasswordOnlyWhereSafe.REFUSAL)) {
            return "the server at " + where + " asked for the password in clear text or MD5, which Tollgate sends only when "
                    + "ssl_mode is verify-full (or disable); use SCRAM-SHA-256 on the server or verify-full";
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return "the host " + host + " does not resolve";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer from " + where + " within the time allowed";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "could not connect to " + where + ": the connection was refused or the host is unreachable";
        }
        if (cause instanceof SSLException) {
            return "the TLS handshake with " + where + " failed (check ssl_mode and the server's certificate)";
        }
        if (PSQLState.INVALID_PASSWORD.getState().equals(state) || "28000".equals(state)) {
            return "authentication failed for user \"" + username + "\" (SQLSTATE " + state + ")";
        }
        if (PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState().equals(state) && e.getMessage() != null
                && e.getMessage().contains("SSL")) {
            return "the server at " + where + " does not accept TLS, which ssl_mode requires";
        }
        return "could not complete a PostgreSQL login at " + where + (state == null ? "" : " (SQLSTATE " + state + ")");
    }

    private static String serverRefused(String state, String database, String username) {
        if (state.startsWith("28")) {
            return "authentication failed for user \"" + username + "\"";
        }
        return switch (state) {
            case "3D000" -> "the database \"" + database + "\" does not exist on the server";
            case "53300" -> "the server has no connection slots left";
            case "57P03" -> "the server is starting up or shutting down";
            case "42501" -> "the user \"" + username + "\" may not connect to the database \"" + database + "\"";
            default -> "the server refused the login";
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
