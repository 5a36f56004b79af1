package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * The bytes between a client and the server it holds: small messages batched per direction ({@link OutboundBatch})
 * and flushed once per read, counted for the pool's meters per batch, not per message, and back-pressure: while one
 * side's outbound buffer is full the other side is not read.
 */
final class Flow {
    private final Channel client;
    private final ClientRelay relay;
    private final PoolStats stats;
    private final OutboundBatch toClient = new OutboundBatch();
    private final OutboundBatch toServer = new OutboundBatch();
    /** Between a message read from the client and the end of its read batch ({@link #readComplete}). */
    private boolean inClientRead;
    /** Bytes relayed since the last flush. */
    private long bytesToServer;
    private long bytesToClient;

    Flow(Channel client, ClientRelay relay, PoolStats stats) {
        this.client = client;
        this.relay = relay;
        this.stats = stats;
    }

    ByteBufAllocator alloc() {
        return client.alloc();
    }

    /** The client's event loop, where everything of the relay runs. */
    EventLoop loop() {
        return client.eventLoop();
    }

    /** Counts a message read from the client. */
    void read(ByteBuf message) {
        inClientRead = true;
        bytesToServer += message.readableBytes();
    }

    /**
     * True while the client's read batch is being handled: what is queued for the server then goes with the rest of the
     * batch at its end. (A server granted at once for the batch's first message, the Parse of an extended-protocol
     * Parse/Bind/Execute/Sync, would otherwise get that message alone: one more write, one more wake-up upstream.)
     */
    boolean inClientRead() {
        return inClientRead;
    }

    /** The client's read batch is over: what it made the relay send goes to the server now. */
    void readComplete() {
        inClientRead = false;
        stats.sentToServer(bytesToServer);
        bytesToServer = 0;
        flushServer();
    }

    /** Queues {@code message} for the server the client holds (taking ownership). */
    void toServer(ByteBuf message) {
        toServer.add(relay.server().channel(), message);
    }

    void flushServer() {
        ServerConnection current = relay.server();
        if (current != null && toServer.flush(current.channel()) && !current.channel().isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    /** Queues {@code message} for the client (taking ownership). */
    void toClient(ByteBuf message) {
        bytesToClient += message.readableBytes();
        toClient.add(client, message);
    }

    /**
     * Queues bytes for the client that nobody changes afterwards (a cached reply, a constant message), wrapped rather
     * than copied: the batch copies small ones into itself and passes large ones on as they are.
     */
    void toClient(byte[] bytes) {
        toClient(Unpooled.wrappedBuffer(bytes));
    }

    /** Writes something the proxy says itself (an error before closing, say) after everything queued for the client. */
    ChannelFuture tellClient(ByteBuf message) {
        toClient.writePending(client);
        return client.writeAndFlush(message);
    }

    void flushClient() {
        if (toClient.flush(client)) {
            stats.sentToClient(bytesToClient);
            bytesToClient = 0;
            ServerConnection current = relay.server();
            if (!client.isWritable() && current != null) {
                current.channel().config().setAutoRead(false);
            }
        }
    }

    /** The client can take writes again: its server may be read again. */
    void clientWritable() {
        ServerConnection current = relay.server();
        if (current != null) {
            current.channel().config().setAutoRead(true);
        }
    }

    /** A server can take writes again: if it is still this client's, the client may be read again. */
    void serverWritable(ServerConnection from) {
        if (from == relay.server()) {
            client.config().setAutoRead(true);
        }
    }

    /** The client is gone: what was batched for it is dropped. */
    void discard() {
        toClient.discard();
    }
}
