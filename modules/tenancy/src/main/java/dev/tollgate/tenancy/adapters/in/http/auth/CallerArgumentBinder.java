package dev.tollgate.tenancy.adapters.in.http.auth;

import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets any controller method declare a {@link Caller} parameter: the request's credentials resolved to who is
 * calling. A route with such a parameter requires authentication; one without is public. Accepted, in order:
 * {@code Authorization: ServiceToken id:token}, {@code Authorization: Bearer <JWT or API key>}, and the
 * {@code session} cookie.
 */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {
    static final String SESSION_COOKIE = "session";
    private static final String ATTRIBUTE = "tollgate.caller";

    private final AuthenticateUseCase authentication;
    private final InternalSecret operatorSecret;

    CallerArgumentBinder(AuthenticateUseCase authentication, InternalSecret operatorSecret) {
        this.authentication = authentication;
        this.operatorSecret = operatorSecret;
    }

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Caller caller = callerOf(request);
        return () -> Optional.of(caller);
    }

    /** Who is calling, resolved once per request ({@link AuthenticationFirst} usually did it before routing). */
    Caller callerOf(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class).orElseGet(() -> {
            Caller resolved = resolve(request);
            request.setAttribute(ATTRIBUTE, resolved);
            return resolved;
        });
    }

    private Caller resolve(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            return fromAuthorization(authorization.strip())
                    .orElseThrow(() -> new UnauthenticatedException("The credentials are invalid, expired or revoked"));
        }
        Optional<Cookie> session = request.getCookies().findCookie(SESSION_COOKIE);
        if (session.isPresent()) {
            return authentication.resolveSession(session.get().getValue())
                    .orElseThrow(() -> new UnauthenticatedException("The session is invalid, expired or logged out"));
        }
        String operator = request.getHeaders().get(InternalSecret.HEADER);
        if (operator != null) {
            // The platform operator: acts in the system namespace only (TenancyApi.requireNamespace).
            if (!operatorSecret.matches(operator)) {
                throw new UnauthenticatedException("The " + InternalSecret.HEADER + " header is wrong");
            }
            return Caller.operator();
        }
        throw new UnauthenticatedException(
                "Authentication required: send 'Authorization: Bearer <token or API key>', 'Authorization: ServiceToken <id>:<token>' or the session cookie");
    }

    private Optional<Caller> fromAuthorization(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
            return authentication.resolveBearer(value);
        }
        if (scheme.equalsIgnoreCase("ServiceToken")) {
            int colon = value.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : authentication.resolveServiceToken(value.substring(0, colon), value.substring(colon + 1));
        }
        return Optional.empty();
    }
}
