package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * A NUL character ({@code %00}) in a path segment or a query parameter is the dialect's validation error, for every
 * route at once: no identifier, key or filter the documents describe can contain one, and PostgreSQL's text cannot hold
 * it, so it used to reach the database and come back as a 500. Runs after routing (and so after authentication, which
 * is decided first); JSON strings get the same rule from {@code platform.json.StrictStringDeserializer}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class NulCharacters {
    static final String MESSAGE = "must not contain NUL characters (%00)";

    @RequestFilter
    void refuseNul(HttpRequest<?> request) {
        String rawPath = request.getUri().getRawPath();
        if (rawPath != null && (rawPath.contains("%00") || rawPath.indexOf('\u0000') >= 0)) {
            throw new ValidationException("path", MESSAGE);
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            String name = parameter.getKey();
            boolean nul = name.indexOf('\u0000') >= 0
                    || parameter.getValue().stream().anyMatch(value -> value != null && value.indexOf('\u0000') >= 0);
            if (nul) {
                throw new ValidationException(name.replace('\u0000', ' '), MESSAGE);
            }
        }
    }
}
