package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.http.HttpRequest;

/**
 * For operations whose body may be left out: no body is "nothing asked for", but a body that is the JSON literal
 * {@code null} is a malformed request (the documents type these bodies as objects). Micronaut binds both to null,
 * so the request's length tells them apart.
 */
public final class OptionalBody {
    private OptionalBody() {
    }

    /** {@code body}, or {@code absent} when the request carried none; a 400 when it carried {@code null}. */
    public static <T> T orElse(HttpRequest<?> request, T body, T absent) {
        if (body != null) {
            return body;
        }
        if (request.getContentLength() > 0) {
            throw ValidationException.ofRequest("the body must be a JSON object, not null; leave the body out to send nothing");
        }
        return absent;
    }
}
