package dev.tollgate.platform.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * A request that carries no body has no content type, whatever its header says. Clients send one anyway (Python's
 * urllib sends {@code application/x-www-form-urlencoded} with every POST, some SDKs {@code application/json} with an
 * empty body): without this, Micronaut matched the header against a route's {@code @Consumes} and answered 415 to
 * body-less operations such as test-connection or a workspace restore. Runs before routing, so the route is chosen
 * as if the header were absent; an operation that needs a body still says it is missing, in the dialect's shape.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BodylessRequests {

    @PreMatching
    @RequestFilter
    void forgetTheContentTypeOfNothing(MutableHttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        if (!headers.contains(HttpHeaders.CONTENT_TYPE) || headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.strip().equals("0")) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
