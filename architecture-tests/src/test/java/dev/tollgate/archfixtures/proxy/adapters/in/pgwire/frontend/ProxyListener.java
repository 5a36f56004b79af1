package dev.tollgate.archfixtures.proxy.adapters.in.pgwire.frontend;

/** Violates 7: a public adapter class that something outside the adapter uses (bootstrap.DataPlaneWiring). */
public final class ProxyListener {
    public int port() {
        return 6432;
    }
}
