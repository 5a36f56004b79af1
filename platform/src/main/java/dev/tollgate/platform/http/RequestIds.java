package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.TypeId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, otherwise a fresh one. It is
 * echoed in the response header and in error bodies that have a place for it (Centrali's requestId).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "tollgate.requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @RequestFilter
    void assign(HttpRequest<?> request) {
        String offered = request.getHeaders().get(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : TypeId.generate("req");
        request.setAttribute(ATTRIBUTE, id);
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(HEADER, of(request));
    }

    /** The id of this request (assigned on the way in; generated late if a filter failed before ours). */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = TypeId.generate("req");
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
