package dev.tollgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client for tests: real requests over the loopback, any status returned (never thrown). Every call of
 * a documented operation is checked against its document as it returns ({@link ApiContract#check}), so no test can
 * forget to; Tollgate's own routes are checked where a test asks ({@link Exchange#conformsTo}).
 */
public final class TestHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI base;
    private final boolean checked;

    public TestHttp(URI base) {
        this(base, HttpClient.newHttpClient(), true);
    }

    private TestHttp(URI base, HttpClient client, boolean checked) {
        this.base = base;
        this.client = client;
        this.checked = checked;
    }

    /**
     * The same client without the automatic check, for tests that judge every answer themselves and must go on
     * after a bad one (the bad-input sweep collects them all).
     */
    public TestHttp unchecked() {
        return new TestHttp(base, client, false);
    }

    /** One completed exchange. */
    public record Exchange(String method, String path, int status, String contentType, String body,
                           Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        /**
         * Fails unless this was a call of one of {@code document}'s operations and its answer matches the document
         * (already checked as it returned, unless unchecked). A Tollgate route outside the documents conforms only
         * by refusing in the dialect's error shape: its success has no document to match.
         */
        public Exchange conformsTo(ApiContract.Document document) {
            ApiContract.assertConforms(document, method, path, status, contentType, body);
            return this;
        }

        public Exchange expect(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError(method + " " + path + ": expected " + expectedStatus + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    public Exchange get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Exchange delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Exchange post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Exchange put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    public Exchange patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    /** {@code headers} alternate names and values. A JSON body is sent as application/json. */
    public Exchange send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]); // replaces the default Content-Type when given
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            Exchange exchange = new Exchange(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), response.headers().map());
            if (checked) {
                ApiContract.check(exchange, built.headers().firstValue("Content-Type").orElse(null), json);
            }
            return exchange;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
