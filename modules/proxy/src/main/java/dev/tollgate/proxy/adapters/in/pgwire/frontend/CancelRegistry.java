package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.backend.CancelTarget;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tollgate hands clients its own BackendKeyData and remembers which upstream backend each stands for, so that a
 * CancelRequest (which arrives on a fresh connection) can be forwarded to the upstream running the query. With
 * transaction pooling that upstream changes from one transaction to the next, so the registry asks the client's relay.
 */
@Singleton
final class CancelRegistry {
    record Key(int processId, int secretKey) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<Key, Supplier<CancelTarget>> targets = new ConcurrentHashMap<>();

    /**
     * A fresh key for a client; {@code target} says, when a cancel arrives, which upstream runs its query (or null),
     * and claims that server for the cancel.
     */
    Key register(Supplier<CancelTarget> target) {
        Key key;
        do {
            key = new Key(random.nextInt() & 0x7fffffff, random.nextInt());
        } while (targets.putIfAbsent(key, target) != null);
        return key;
    }

    CancelTarget find(int processId, int secretKey) {
        Supplier<CancelTarget> target = targets.get(new Key(processId, secretKey));
        return target == null ? null : target.get();
    }

    void forget(Key key) {
        if (key != null) {
            targets.remove(key);
        }
    }
}
