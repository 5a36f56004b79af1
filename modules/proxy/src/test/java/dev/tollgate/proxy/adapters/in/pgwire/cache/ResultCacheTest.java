package dev.tollgate.proxy.adapters.in.pgwire.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tollgate.proxy.domain.CacheConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
    /** A clock the test moves. */
    static final class Hand extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    final Hand clock = new Hand();
    final UUID db = UUID.randomUUID();
    final CacheConfig tenSecondsThenTwenty = new CacheConfig(true, 10, 100, 20);

    ResultKey key(String sql) {
        return new ResultKey(db, "app", "search_path=public\0", sql);
    }

    @Test
    void aStoredReplyIsServedFreshUntilItsTtl() {
        ResultCache cache = new ResultCache(clock, 1 << 20, 1 << 16);
        assertNull(cache.find(key("SELECT 1")), "nothing stored: ask the server");
        cache.store(key("SELECT 1"), new byte[] {1, 2, 3}, 1, tenSecondsThenTwenty);
        CachedReply hit = cache.find(key("SELECT 1"));
        assertNotNull(hit);
        assertEquals(1, hit.rows());
        clock.millis += 9_999;
        assertSame(hit, cache.find(key("SELECT 1")));
    }

    @Test
    void afterTheTtlOneCallerRefreshesWhileTheOthersGetTheStaleReplyUntilTheWindowEnds() {
        ResultCache cache = new ResultCache(clock, 1 << 20, 1 << 16);
        cache.store(key("SELECT 1"), new byte[] {1}, 1, tenSecondsThenTwenty);
        clock.millis += 10_000;
        assertNull(cache.find(key("SELECT 1")), "the first caller after the ttl refreshes");
        assertNotNull(cache.find(key("SELECT 1")), "the next ones get the stale reply: one refresh at a time");
        assertNotNull(cache.find(key("SELECT 1")));
        cache.abandon(key("SELECT 1")); // that refresh failed
        assertNull(cache.find(key("SELECT 1")), "another caller may refresh");
        assertNotNull(cache.find(key("SELECT 1")));
        cache.store(key("SELECT 1"), new byte[] {2}, 1, tenSecondsThenTwenty);
        assertEquals(2, cache.find(key("SELECT 1")).bytes()[0], "the refreshed reply is fresh again");
        clock.millis += 30_000;
        assertNull(cache.find(key("SELECT 1")), "past ttl and window: gone");
        assertNull(cache.find(key("SELECT 1")), "and no stale copy for anyone");
    }

    @Test
    void keysDifferBySettingsUserDatabaseAndText() {
        ResultCache cache = new ResultCache(clock, 1 << 20, 1 << 16);
        cache.store(key("SELECT 1"), new byte[] {1}, 1, tenSecondsThenTwenty);
        assertNull(cache.find(new ResultKey(db, "app", "search_path=other\0", "SELECT 1")));
        assertNull(cache.find(new ResultKey(db, "reporting", "search_path=public\0", "SELECT 1")));
        assertNull(cache.find(new ResultKey(UUID.randomUUID(), "app", "search_path=public\0", "SELECT 1")));
        assertNull(cache.find(key("SELECT 1 ")));
        assertNotEquals(key("SELECT 1"), key("select 1"));
    }

    @Test
    void aDatabaseHoldsAtMostItsMaxEntriesAndReplacingDoesNotCount() {
        ResultCache cache = new ResultCache(clock, 1 << 20, 1 << 16);
        CacheConfig two = new CacheConfig(true, 10, 2, 0);
        cache.store(key("a"), new byte[] {1}, 1, two);
        cache.store(key("b"), new byte[] {1}, 1, two);
        cache.store(key("b"), new byte[] {2}, 1, two);
        cache.store(key("c"), new byte[] {1}, 1, two);
        assertEquals(2, cache.entries(db));
        assertNull(cache.find(key("c")), "the third is not kept");
        clock.millis += 10_000;
        assertEquals(0, cache.entries(db), "expired entries leave and free their places");
        cache.store(key("c"), new byte[] {1}, 1, two);
        assertNotNull(cache.find(key("c")));
    }

    @Test
    void tooLargeRepliesAndDisabledDatabasesAreNotStoredAndTheNodeBoundEvicts() {
        ResultCache cache = new ResultCache(clock, 10_000, 1_000);
        cache.store(key("big"), new byte[1_001], 1, tenSecondsThenTwenty);
        assertNull(cache.find(key("big")));
        cache.store(key("off"), new byte[] {1}, 1, new CacheConfig(false, 10, 100, 0));
        assertNull(cache.find(key("off")));
        for (int i = 0; i < 50; i++) {
            cache.store(key("SELECT " + i), new byte[900], 1, tenSecondsThenTwenty);
        }
        assertEquals(true, cache.entries(db) < 50, "the node's byte bound evicts: " + cache.entries(db));
    }
}
