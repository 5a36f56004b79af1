package dev.tollgate.testing.stripe;

import java.util.ArrayList;
import java.util.List;

/** Every request received, in order, for tests that assert what a client sent (retries, idempotency keys). */
final class RequestLog {
    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
