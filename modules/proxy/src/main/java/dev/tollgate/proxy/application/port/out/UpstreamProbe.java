package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.SslMode;
import java.net.InetAddress;
import java.util.List;

/** Opens a real connection to an upstream PostgreSQL to check that the registered credentials work. */
public interface UpstreamProbe {
    /** {@code error} is Tollgate's own description of what failed, never the text another host sent. */
    record Result(boolean ok, Double latencyMs, String serverVersion, String error) {
    }

    /**
     * What a read replica is now: reachable, a standby ({@code inRecovery}), and how far behind its primary ({@code lag},
     * null when unreachable).
     */
    record ReplicaState(boolean reachable, boolean inRecovery, java.time.Duration lag, String error) {
    }

    /** Connects like {@link #probe} and asks the server whether it is a standby and how far behind it is. */
    ReplicaState replicaState(String host, List<InetAddress> addresses, int port, String database, String username, String password,
                              SslMode sslMode);

    /** Dials only {@code addresses} (checked by {@link UpstreamDestinations}), whatever {@code host} resolves to by then. */
    Result probe(String host, List<InetAddress> addresses, int port, String database, String username, String password, SslMode sslMode);
}
