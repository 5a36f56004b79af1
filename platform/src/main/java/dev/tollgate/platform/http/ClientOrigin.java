package dev.tollgate.platform.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/**
 * Where a request came from and whether it arrived over HTTPS. {@code X-Forwarded-For} and {@code X-Forwarded-Proto}
 * are believed only when the operator says a reverse proxy in front sets them ({@code tollgate.http.trust-proxy}):
 * otherwise any client could claim to be anyone, or to be on HTTPS.
 */
@Singleton
public final class ClientOrigin {
    private final boolean trustProxy;

    ClientOrigin(@Value("${tollgate.http.trust-proxy:false}") boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    /** The request came over HTTPS: to Tollgate itself, or to the trusted proxy that says so. */
    public boolean isHttps(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = trustProxy ? request.getHeaders().get("X-Forwarded-Proto") : null;
        return proto != null && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    /**
     * The client's address: the peer's, or behind a trusted proxy the last {@code X-Forwarded-For} entry (the one
     * that proxy appended; entries before it are whatever the client sent).
     */
    public String address(HttpRequest<?> request) {
        String forwarded = trustProxy ? request.getHeaders().get("X-Forwarded-For") : null;
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
