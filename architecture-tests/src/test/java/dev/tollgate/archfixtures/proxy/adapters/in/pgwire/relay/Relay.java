package dev.tollgate.archfixtures.proxy.adapters.in.pgwire.relay;

import dev.tollgate.archfixtures.proxy.adapters.in.pgwire.backend.ServerPool;

/** Allowed (6, 7): the sub-packages of one adapter (in.pgwire) are one adapter; this one uses another's public class. */
final class Relay {
    int idle(ServerPool pool) {
        return pool.idle();
    }
}
