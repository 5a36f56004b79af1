package dev.tollgate.proxy.adapters.in.pgwire.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Collects the small protocol messages bound for one channel into one buffer, so that a transaction's dozen messages
 * cost one write (one outbound entry, one pipeline pass) instead of one each. Copying a few hundred bytes is cheaper
 * than that per-message bookkeeping; large messages (big rows, COPY data) are passed on as they are, in order.
 */
final class OutboundBatch {
    static final int COPY_LIMIT = 2048;
    private ByteBuf pending;
    /** Something was added since the last {@link #flush}. */
    private boolean unflushed;

    /** Queues {@code message} (taking ownership) behind what is already queued. */
    void add(Channel channel, ByteBuf message) {
        unflushed = true;
        if (message.readableBytes() > COPY_LIMIT) {
            writePending(channel);
            channel.write(message, channel.voidPromise());
            return;
        }
        if (pending == null) {
            pending = channel.alloc().ioBuffer(Math.max(512, message.readableBytes()));
        }
        pending.writeBytes(message);
        message.release();
    }

    /** Hands what was collected to the channel's outbound buffer; the caller flushes. */
    void writePending(Channel channel) {
        if (pending != null) {
            ByteBuf batch = pending;
            pending = null;
            channel.write(batch, channel.voidPromise());
        }
    }

    /** Writes what was collected and flushes the channel; false (nothing done) when nothing was added since the last flush. */
    boolean flush(Channel channel) {
        if (!unflushed) {
            return false;
        }
        unflushed = false;
        writePending(channel);
        channel.flush();
        return true;
    }

    void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
