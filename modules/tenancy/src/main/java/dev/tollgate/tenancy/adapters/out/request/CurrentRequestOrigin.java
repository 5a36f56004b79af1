package dev.tollgate.tenancy.adapters.out.request;

import dev.tollgate.platform.http.ClientOrigin;
import dev.tollgate.tenancy.application.port.out.RequestOrigin;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The client address of the HTTP request being served, as {@link ClientOrigin} believes it. Micronaut carries the
 * request to the blocking pool a controller runs on, so a use case deep in a request still finds it; a job has none.
 */
@Singleton
final class CurrentRequestOrigin implements RequestOrigin {
    private final ClientOrigin clientOrigin;

    CurrentRequestOrigin(ClientOrigin clientOrigin) {
        this.clientOrigin = clientOrigin;
    }

    @Override
    public Optional<String> sourceAddress() {
        return ServerRequestContext.currentRequest().map(clientOrigin::address);
    }
}
