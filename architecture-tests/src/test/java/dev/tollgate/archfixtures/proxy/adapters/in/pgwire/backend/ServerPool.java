package dev.tollgate.archfixtures.proxy.adapters.in.pgwire.backend;

/** Allowed (7): public, so that another sub-package of the same adapter can use it, and used by nothing outside it. */
public final class ServerPool {
    public int idle() {
        return 0;
    }
}
