package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * Decides authentication before anything else looks at the request: an operation that needs a {@link Caller} answers
 * 401 to a request without valid credentials whatever its content type, body or parameters, so an anonymous client
 * learns nothing about an operation from its 415s and 400s. Runs before routing; the routes that {@code path} reaches
 * under its method with the fewest path variables (those routing prefers) are asked whether they take a
 * {@code Caller}. The caller it resolves is the one
 * {@link CallerArgumentBinder} hands to the controller (resolved once per request).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Singleton
final class AuthenticationFirst {
    private final Provider<Router> router;
    private final CallerArgumentBinder callers;

    AuthenticationFirst(Provider<Router> router, CallerArgumentBinder callers) {
        this.router = router;
        this.callers = callers;
    }

    @PreMatching
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request) {
        // The routes routing would choose among: a literal segment beats a variable (/version before /{slug}).
        List<UriRouteMatch<Object, Object>> matches = router.get().find(request.getMethod(), request.getPath(), request).toList();
        int fewestVariables = matches.stream().mapToInt(m -> m.getVariableValues().size()).min().orElse(0);
        boolean needsCaller = matches.stream()
                .filter(m -> m.getVariableValues().size() == fewestVariables)
                .anyMatch(AuthenticationFirst::takesCaller);
        if (needsCaller) {
            callers.callerOf(request); // throws UnauthenticatedException: the dialect's 401
        }
    }

    private static boolean takesCaller(UriRouteMatch<Object, Object> match) {
        return Arrays.stream(match.getRouteInfo().getTargetMethod().getArguments())
                .map(Argument::getType)
                .anyMatch(Caller.class::equals);
    }
}
