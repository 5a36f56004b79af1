package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultKey;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.QueryShape;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * The reply of one cacheable query as it passes to the client (ADR 0059): RowDescription, DataRows, CommandComplete
 * (or EmptyQueryResponse) are copied; anything else (an error, a notice, a changed setting, COPY) or a reply beyond the
 * size cap spoils it, and a spoiled reply is not stored. Stored only if the server ends it idle outside a transaction.
 */
final class ReplyCapture {
    private final ResultCache cache;
    private final ResultKey key;
    private final CacheConfig config;
    private final QueryShape shape;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private long rows;

    ReplyCapture(ResultCache cache, ResultKey key, CacheConfig config) {
        this(cache, key, null, config);
    }

    /** {@code shape}: the query's shape, stored with the reply for the hits' insights (null: found at each hit). */
    ReplyCapture(ResultCache cache, ResultKey key, QueryShape shape, CacheConfig config) {
        this.cache = cache;
        this.key = key;
        this.shape = shape;
        this.config = config;
    }

    /** A message of the reply, read before it is passed on (not consumed). */
    void add(byte type, ByteBuf message) {
        if (bytes == null) {
            return;
        }
        if (type != 'T' && type != 'D' && type != 'C' && type != 'I') {
            spoil();
            return;
        }
        int length = message.readableBytes();
        if (bytes.size() + length > cache.maxReplyBytes()) {
            spoil();
            return;
        }
        if (type == 'C') {
            rows += CommandTags.rows(message);
        }
        try {
            message.getBytes(message.readerIndex(), bytes, length);
        } catch (java.io.IOException impossible) { // a ByteArrayOutputStream does not fail
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    /** Something not to be replayed came with the reply. */
    void spoil() {
        bytes = null;
    }

    /** The server's ReadyForQuery ended the reply with {@code status}: stored if whole and outside a transaction. */
    void finish(char status) {
        if (bytes != null && status == 'I') {
            cache.store(key, bytes.toByteArray(), rows, shape, config);
        } else {
            cache.abandon(key);
        }
        bytes = null;
    }

    /** The reply will never be complete (the server or the client went away). */
    void abandon() {
        bytes = null;
        cache.abandon(key);
    }
}
