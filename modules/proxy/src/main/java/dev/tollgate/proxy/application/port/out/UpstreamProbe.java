package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.SslMode;

/** Opens a real connection to an upstream PostgreSQL to check that the registered credentials work. */
public interface UpstreamProbe {
    record Result(boolean ok, Double latencyMs, String serverVersion, String error) {
    }

    Result probe(String host, int port, String database, String username, String password, SslMode sslMode);
}
