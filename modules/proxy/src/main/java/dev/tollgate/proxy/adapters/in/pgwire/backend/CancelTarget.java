package dev.tollgate.proxy.adapters.in.pgwire.backend;

import java.net.SocketAddress;

/**
 * Where a client's CancelRequest must go: {@code address} is where the server connection actually is (a cancel never
 * resolves a name again). The {@code server} is held for the cancel (see {@link ServerConnection#cancelTarget}): call
 * {@link ServerConnection#cancelForwarded} once the upstream acted on it.
 */
public record CancelTarget(SocketAddress address, int processId, int secretKey, ServerConnection server) {
}
