package dev.tollgate.testing.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The HTTP edge: reads a request as Stripe receives it (bearer or basic secret key, form-encoded parameters in the
 * body or the query, Idempotency-Key), runs it through the router under the state's lock, and writes the answer
 * with Stripe's headers ({@code Request-Id}, {@code Stripe-Version}, {@code Idempotent-Replayed}). Paths under
 * {@code /_fake/} are the test controls: no key, no idempotency.
 */
final class StripeHttpHandler implements HttpHandler {
    private final String secretKey;
    private final StripeState state;
    private final Router stripe;
    private final Router controls;
    private final Idempotency idempotency = new Idempotency();
    private final RequestLog log;

    StripeHttpHandler(String secretKey, StripeState state, Router stripe, Router controls, RequestLog log) {
        this.secretKey = secretKey;
        this.state = state;
        this.stripe = stripe;
        this.controls = controls;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String requestId = "req_" + Ids.random(14);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            // Connect's authorize page is a browser's, like the test controls: no key.
            boolean control = path.startsWith("/_fake/") || path.equals("/oauth/authorize");
            String account = exchange.getRequestHeaders().getFirst("Stripe-Account");
            if (!control && state.outage) {
                return; // closed without an answer: to a client, Stripe cannot be reached
            }
            boolean idempotent = !control && key != null && !method.equals("GET");
            Reply reply;
            boolean replayed = false;
            FakeStripe.Failure failure = null;
            synchronized (state.lock) {
                try {
                    if (!control) {
                        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
                        state.actFor(actingAccount(account));
                    }
                    // Stripe keeps idempotency keys per account.
                    String scopedKey = state.scope() + ":" + key;
                    String encoded = method.equals("POST") && (query == null || body.length() > 0) ? body : query;
                    String canonical = canonical(encoded);
                    failure = control ? null : state.failures.meet(method, path, () -> FormParams.parse(encoded));
                    Reply saved = idempotent && failure != FakeStripe.Failure.ERROR
                            ? idempotency.replay(scopedKey, method, path, canonical) : null;
                    if (failure == FakeStripe.Failure.ERROR) {
                        // refused before anything ran: nothing done, nothing kept for the key
                        reply = Reply.error(new StripeError(500, "api_error", null, null,
                                "An unknown error occurred (injected by the fake's failRequests)."), requestId);
                    } else if (saved != null) {
                        reply = saved;
                        replayed = true;
                    } else {
                        state.handling(requestId, idempotent ? key : null);
                        Params params = control && isJson(exchange)
                                ? new Params(jsonObject(body)) : new Params(FormParams.parse(encoded));
                        reply = expand(control ? controls.dispatch(method, path, params)
                                : stripe.dispatch(method, path, params), params);
                        if (idempotent) {
                            idempotency.save(scopedKey, method, path, canonical, reply);
                        }
                    }
                } catch (StripeError error) {
                    reply = Reply.error(error, requestId);
                } catch (RuntimeException unexpected) {
                    reply = Reply.error(new StripeError(500, "api_error", null, null,
                            "The fake failed: " + unexpected), requestId);
                } finally {
                    state.handling(null, null);
                    state.actFor(null);
                }
            }
            log.add(new RecordedRequest(method, path, query, body, key, reply.status(), replayed));
            if (failure == FakeStripe.Failure.ANSWER_LOST) {
                return; // done (and kept for the key), but closed without an answer: the client never hears of it
            }
            write(exchange, reply, requestId, key, replayed);
        }
    }

    /** The platform's own account, or a connected one named by {@code Stripe-Account} (403 for any other). */
    private String actingAccount(String header) {
        if (header == null || header.isBlank() || header.equals(state.accountId)) {
            return state.accountId;
        }
        if (!state.connectedAccounts.containsKey(header)) {
            throw new StripeError(403, "invalid_request_error", "account_invalid", null, "The provided key '"
                    + secretKey.substring(0, 8) + "*".repeat(Math.max(0, secretKey.length() - 12))
                    + secretKey.substring(secretKey.length() - 4) + "' does not have access to account '" + header
                    + "' (or that account does not exist). Application access may have been revoked.");
        }
        return header;
    }

    private void authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw StripeError.unauthenticated("You did not provide an API key. You need to provide your API key in"
                    + " the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        String given = null;
        if (authorization.startsWith("Bearer ")) {
            given = authorization.substring("Bearer ".length()).trim();
        } else if (authorization.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                given = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
            } catch (IllegalArgumentException e) {
                given = "";
            }
        }
        if (given == null) {
            throw StripeError.unauthenticated("Invalid API Key provided: the Authorization header must use Bearer"
                    + " or Basic auth.");
        }
        if (!given.equals(secretKey)) {
            String shown = given.length() > 8
                    ? given.substring(0, 8) + "*".repeat(Math.max(0, given.length() - 12))
                    + given.substring(Math.max(8, given.length() - 4))
                    : given;
            throw StripeError.unauthenticated("Invalid API Key provided: " + shown);
        }
    }

    private static boolean isJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/json");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode jsonObject(String body) {
        if (body.isBlank()) {
            return Json.object();
        }
        var node = Json.read(body);
        if (!node.isObject()) {
            throw StripeError.invalid(null, "The body must be a JSON object");
        }
        return (com.fasterxml.jackson.databind.node.ObjectNode) node;
    }

    /** The parameters in a stable order, so the same request sent twice compares equal. */
    private static String canonical(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return "";
        }
        String[] pairs = encoded.split("&");
        Arrays.sort(pairs);
        return String.join("&", pairs);
    }

    private Reply expand(Reply reply, Params params) {
        if (reply.json() == null || reply.status() != 200 || !params.has("expand")) {
            return reply;
        }
        return new Reply(reply.status(), Expansion.apply(reply.json(), params.strings("expand"), state),
                reply.contentType(), reply.text());
    }

    private static void write(HttpExchange exchange, Reply reply, String requestId, String key, boolean replayed)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("Request-Id", requestId);
        headers.set("Stripe-Version", FakeStripe.API_VERSION);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        if (replayed) {
            headers.set("Idempotent-Replayed", "true");
        }
        String text = reply.json() != null ? Json.write(reply.json()) : reply.text();
        if (reply.status() == 303) {
            headers.set("Location", reply.text());
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
