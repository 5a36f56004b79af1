package dev.tollgate.testing.stripe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook endpoint for the tests: keeps every POST (payload and Stripe-Signature), may refuse the first ones. */
final class WebhookReceiver implements AutoCloseable {
    record Received(String payload, String signature, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/stripe/webhooks", exchange -> {
            try (exchange) {
                String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                received.add(new Received(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"), status));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stripe/webhooks";
    }

    /** The next {@code count} deliveries are answered 500. */
    void failNext(int count) {
        failuresLeft.set(count);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
