package dev.tollgate.testing.stripe;

import java.util.List;

/** One routed request: its method and path, the ids captured from the path, and its parameters. */
record Call(String method, String path, List<String> pathIds, Params params) {
    String id(int index) {
        return pathIds.get(index);
    }
}
