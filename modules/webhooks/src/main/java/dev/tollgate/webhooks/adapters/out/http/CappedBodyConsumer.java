package dev.tollgate.webhooks.adapters.out.http;

import dev.tollgate.webhooks.domain.AttemptResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an endpoint's answer keeping only the first {@link AttemptResult#BODY_LIMIT} bytes of its body (the rest is
 * read and dropped): a receiver cannot make Tollgate hold a large response in memory.
 */
final class CappedBodyConsumer extends AbstractBinResponseConsumer<AttemptResult> {
    private final long startedNanos;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private Duration retryAfter;

    CappedBodyConsumer(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        Header header = response.getFirstHeader("Retry-After");
        retryAfter = header == null ? null : retryAfter(header.getValue());
    }

    @Override
    protected int capacityIncrement() {
        return 8192;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
        int room = AttemptResult.BODY_LIMIT - body.size();
        int take = Math.min(room, src.remaining());
        if (take > 0) {
            byte[] chunk = new byte[take];
            src.get(chunk);
            body.write(chunk, 0, take);
        }
        src.position(src.limit());
    }

    @Override
    protected AttemptResult buildResult() {
        long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        return new AttemptResult(status, body.toString(StandardCharsets.UTF_8), millis, null, retryAfter);
    }

    @Override
    public void releaseResources() {
    }

    /** Seconds, or an HTTP date; anything else is ignored. */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }
}
