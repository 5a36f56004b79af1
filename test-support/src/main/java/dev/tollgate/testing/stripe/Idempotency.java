package dev.tollgate.testing.stripe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe's idempotent requests: the first response to a key is kept with the method, path and parameters it
 * answered; the same key again with the same request gets that response back (nothing runs a second time), with
 * anything else an {@code idempotency_error}. Keys are never expired (Stripe keeps them 24 hours).
 */
final class Idempotency {
    private record Saved(String request, Reply reply) {
    }

    private final Map<String, Saved> byKey = new ConcurrentHashMap<>();

    /** The saved reply for this key, or null when the key is new; refuses a key reused for another request. */
    Reply replay(String key, String method, String path, String canonicalParams) {
        Saved saved = byKey.get(key);
        if (saved == null) {
            return null;
        }
        if (!saved.request.equals(method + " " + path + "?" + canonicalParams)) {
            throw StripeError.idempotencyMismatch(key);
        }
        return saved.reply;
    }

    void save(String key, String method, String path, String canonicalParams, Reply reply) {
        byKey.put(key, new Saved(method + " " + path + "?" + canonicalParams, reply));
    }
}
