package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.backend.Waiter;

/**
 * Where a client's {@link ClientRelay} stands. Each state carries what only it has: the pool ticket of a client
 * waiting for a server, the server of a client holding one. All transitions run on the client's event loop:
 *
 * <pre>
 * LoggingIn ──granted──▶ Leased, or Idle when a pooling client has nothing to send yet
 * LoggingIn ──the pool already knows what to tell a new client──▶ Idle
 * Idle ──a message──▶ Waiting ──granted──▶ Leased ──ReadyForQuery 'I', nothing owed (not session mode)──▶ Idle
 * Leased ──an error ends an extended-protocol batch before its Sync──▶ SkippingToSync ──the client's Sync──▶ Leased
 * Leased, SkippingToSync ──a malformed client message──▶ Closing ──the channel is gone──▶ Closed
 * LoggingIn, Waiting ──no server could be had (told why, then closed)──▶ Closing
 * any ──the channel is gone──▶ Closed
 * </pre>
 */
sealed interface RelayState {
    /** The server this state holds, or null. */
    default ServerConnection server() {
        return null;
    }

    /** Whether messages the client sends now are dropped, not relayed. */
    default boolean closed() {
        return false;
    }

    /** Not told it is logged in yet: waiting for its first server ({@code ticket} set once the pool queued it). */
    record LoggingIn(Waiter ticket) implements RelayState {
        static final LoggingIn UNQUEUED = new LoggingIn(null);
    }

    /** Logged in and holding no server: the next message takes one from the pool. */
    record Idle() implements RelayState {
        static final Idle INSTANCE = new Idle();
    }

    /** Waiting for a server from the pool; what the client sends meanwhile is queued. */
    record Waiting(Waiter ticket) implements RelayState {
        static final Waiting UNQUEUED = new Waiting(null);
    }

    /** Holding {@code server}: messages go to it, and the replies it owes are tracked. */
    record Leased(ServerConnection server) implements RelayState {
    }

    /**
     * Holding {@code server} after an error in an extended-protocol batch: the server ignores everything up to the
     * client's next Sync, so the relay expects no replies to those messages either.
     */
    record SkippingToSync(ServerConnection server) implements RelayState {
    }

    /** Being hung up on (a malformed message, no server to be had): holding {@code server}, or none, until it is gone. */
    record Closing(ServerConnection server) implements RelayState {
        @Override
        public boolean closed() {
            return true;
        }
    }

    /** The client is gone; a server granted now goes straight back to the pool. */
    record Closed() implements RelayState {
        static final Closed INSTANCE = new Closed();

        @Override
        public boolean closed() {
            return true;
        }
    }
}
