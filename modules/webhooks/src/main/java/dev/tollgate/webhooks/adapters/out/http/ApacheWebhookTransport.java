package dev.tollgate.webhooks.adapters.out.http;

import dev.tollgate.webhooks.application.port.out.WebhookTransport;
import dev.tollgate.webhooks.domain.AttemptResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Webhook POSTs over Apache HttpClient 5's async client (ADR 0048): non-blocking, so hundreds of attempts wait on slow
 * endpoints without a thread each; connections kept alive per endpoint; names resolved only through the
 * {@link GuardedDnsResolver}; redirects not followed (a 3xx is a failed attempt).
 */
public final class ApacheWebhookTransport implements WebhookTransport, AutoCloseable {
    private final CloseableHttpAsyncClient client;

    ApacheWebhookTransport(GuardedDnsResolver resolver, Duration connectTimeout, Duration requestTimeout, int maxConnections) {
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(Math.max(1, maxConnections / 4))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(requestTimeout))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .build();
        client.start();
    }

    @Override
    public CompletableFuture<AttemptResult> post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        SimpleRequestBuilder request;
        try {
            request = SimpleRequestBuilder.post(URI.create(url)).setBody(body, ContentType.APPLICATION_JSON);
        } catch (IllegalArgumentException badUrl) {
            result.complete(AttemptResult.noAnswer("invalid URL: " + badUrl.getMessage(), 0));
            return result;
        }
        headers.forEach(request::setHeader);
        try {
            client.execute(SimpleRequestProducer.create(request.build()), new CappedBodyConsumer(started), new FutureCallback<>() {
                @Override
                public void completed(AttemptResult answer) {
                    result.complete(answer);
                }

                @Override
                public void failed(Exception e) {
                    result.complete(AttemptResult.noAnswer(describe(e), Duration.ofNanos(System.nanoTime() - started).toMillis()));
                }

                @Override
                public void cancelled() {
                    result.complete(AttemptResult.noAnswer("cancelled", Duration.ofNanos(System.nanoTime() - started).toMillis()));
                }
            });
        } catch (RuntimeException e) {
            result.complete(AttemptResult.noAnswer(describe(e), 0));
        }
        return result;
    }

    private static String describe(Exception e) {
        if (e instanceof GuardedDnsResolver.RefusedAddressException refused) {
            return "refused: " + refused.getMessage();
        }
        String kind = e instanceof java.net.SocketTimeoutException || e.getClass().getSimpleName().contains("Timeout") ? "timeout"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.UnknownHostException ? "unknown host"
                : e instanceof IOException ? "network error" : "error";
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
