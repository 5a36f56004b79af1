package dev.tollgate.archfixtures.bootstrap;

import dev.tollgate.archfixtures.proxy.adapters.in.pgwire.frontend.ProxyListener;

/** Makes proxy.adapters.in.pgwire.frontend.ProxyListener violate 7: bootstrap reaches into an adapter. */
final class DataPlaneWiring {
    int port(ProxyListener listener) {
        return listener.port();
    }
}
