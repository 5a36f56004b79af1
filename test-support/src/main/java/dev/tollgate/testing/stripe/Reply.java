package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A response: a status and either a JSON body (a snapshot, never a stored object itself; {@code expand[]} is applied
 * to it before it is written) or a text body (the fake's own pages).
 */
record Reply(int status, ObjectNode json, String contentType, String text) {
    static Reply ok(ObjectNode body) {
        return new Reply(200, body.deepCopy(), "application/json", null);
    }

    static Reply html(String page) {
        return new Reply(200, null, "text/html; charset=utf-8", page);
    }

    /** A 303 to {@code location} (the fake's hosted pages after a form post). */
    static Reply redirect(String location) {
        return new Reply(303, null, "text/plain; charset=utf-8", location);
    }

    static Reply error(StripeError error, String requestId) {
        return new Reply(error.status, ErrorBodies.of(error, requestId), "application/json", null);
    }
}
