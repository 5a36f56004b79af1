package dev.tollgate.proxy.adapters.in.pgwire.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.proxy.adapters.in.pgwire.cache.CachedReply;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultKey;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.domain.CacheConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplyCaptureTest {
    static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    final ResultCache cache = new ResultCache(Clock.systemUTC(), 1 << 20, 200);
    final ResultKey key = new ResultKey(UUID.randomUUID(), "app", "", "/* @pgbeam:cache */ SELECT v FROM t");
    final CacheConfig config = new CacheConfig(true, 60, 100, 0);

    static ByteBuf message(char type, String body) {
        return PgWire.message(ALLOC, type, Unpooled.copiedBuffer(body + "\0", StandardCharsets.UTF_8));
    }

    /** Feeds {@code message} as the relay does (read, not consumed) and returns its bytes. */
    static byte[] feed(ReplyCapture capture, ByteBuf message) {
        capture.add(message.getByte(message.readerIndex()), message);
        byte[] bytes = ByteBufUtil.getBytes(message);
        message.release();
        return bytes;
    }

    @Test
    void rowsAndTheirCompletionAreStoredAsSentWhenTheServerEndsIdle() {
        ReplyCapture capture = new ReplyCapture(cache, key, config);
        byte[] row = feed(capture, message('D', "row"));
        byte[] done = feed(capture, message('C', "SELECT 1"));
        capture.finish('I');
        CachedReply stored = cache.find(key);
        assertNotNull(stored);
        assertEquals(1, stored.rows());
        byte[] expected = new byte[row.length + done.length];
        System.arraycopy(row, 0, expected, 0, row.length);
        System.arraycopy(done, 0, expected, row.length, done.length);
        assertArrayEquals(expected, stored.bytes());
    }

    @Test
    void errorsNoticesTransactionsAndLargeRepliesAreNotStored() {
        ReplyCapture notice = new ReplyCapture(cache, key, config);
        feed(notice, message('D', "row"));
        notice.spoil(); // what ReplyQueue does on a NoticeResponse, ErrorResponse or ParameterStatus
        feed(notice, message('C', "SELECT 1"));
        notice.finish('I');
        assertNull(cache.find(key));

        ReplyCapture copy = new ReplyCapture(cache, key, config);
        feed(copy, message('H', "copy out"));
        copy.finish('I');
        assertNull(cache.find(key), "anything but rows and their completion spoils it");

        ReplyCapture inTransaction = new ReplyCapture(cache, key, config);
        feed(inTransaction, message('C', "SELECT 0"));
        inTransaction.finish('T');
        assertNull(cache.find(key), "ended inside a transaction");

        ReplyCapture large = new ReplyCapture(cache, key, config);
        feed(large, message('D', "x".repeat(300)));
        feed(large, message('C', "SELECT 1"));
        large.finish('I');
        assertNull(cache.find(key), "over tollgate.proxy.cache.max-reply-bytes");
    }
}
