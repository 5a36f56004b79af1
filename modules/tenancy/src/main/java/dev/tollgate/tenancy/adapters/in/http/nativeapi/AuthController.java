package dev.tollgate.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase.SignUpCommand;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase.SignedIn;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's own account routes (no API document covers them; they follow PgBeam's conventions). Login
 * answers with a JWT for {@code Authorization: Bearer} and sets the {@code session} cookie php-tenant expects.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tollgate: account")
final class AuthController {
    private final AuthenticateUseCase authentication;
    private final SessionCookie sessionCookie;

    AuthController(AuthenticateUseCase authentication, SessionCookie sessionCookie) {
        this.authentication = authentication;
        this.sessionCookie = sessionCookie;
    }

    @Serdeable
    record SignUpRequest(@Nullable String email, @Nullable String password, @Nullable String name,
                         @Nullable String organization_name, @Nullable String organization_slug) {
    }

    @Serdeable
    record LoginRequest(@Nullable String email, @Nullable String password) {
    }

    @Serdeable
    record UserView(String id, String email, String name, Instant created_at, @Nullable String current_organization_id) {
        static UserView of(User u, @Nullable String currentOrganizationPublicId) {
            return new UserView(u.publicId(), u.email(), u.name(), u.createdAt(), currentOrganizationPublicId);
        }
    }

    @Serdeable
    record OrganizationRef(String id, String slug, String name) {
        static OrganizationRef of(@Nullable Organization o) {
            return o == null ? null : new OrganizationRef(o.publicId(), o.slug().value(), o.name());
        }
    }

    /** A JWKS document (RFC 7517): each key a JWK, whose members depend on its type. */
    @Serdeable
    record JwkSet(List<Map<String, Object>> keys) {
    }

    @Serdeable
    record SessionResponse(UserView user, @Nullable OrganizationRef organization, String access_token, String token_type,
                           Instant session_expires_at) {
    }

    @Post("/v1/auth/signup")
    @Operation(operationId = "SignUp", summary = "Create an account and its first organization")
    HttpResponse<SessionResponse> signUp(HttpRequest<?> request, @Body SignUpRequest body) {
        SignedIn signedIn = authentication.signUp(new SignUpCommand(body.email(), body.password(), body.name(),
                body.organization_name(), body.organization_slug()));
        return HttpResponse.created(view(signedIn)).cookie(sessionCookie.issue(request, signedIn.sessionSecret(), signedIn.expiresAt()));
    }

    @Post("/v1/auth/login")
    @Operation(operationId = "LogIn", summary = "Log in with email and password")
    HttpResponse<SessionResponse> logIn(HttpRequest<?> request, @Body LoginRequest body) {
        SignedIn signedIn = authentication.logIn(body.email(), body.password());
        return HttpResponse.ok(view(signedIn)).cookie(sessionCookie.issue(request, signedIn.sessionSecret(), signedIn.expiresAt()));
    }

    @Post("/v1/auth/logout")
    @Operation(operationId = "LogOut", summary = "End the current session (its JWTs and cookie stop working at once)")
    HttpResponse<Void> logOut(HttpRequest<?> request, Caller caller) {
        authentication.logOut(caller);
        return HttpResponse.<Void>noContent().cookie(sessionCookie.clear(request));
    }

    @Get("/v1/me")
    @Operation(operationId = "GetCurrentUser", summary = "The signed-in user")
    UserView me(Caller caller) {
        User user = authentication.currentUser(caller);
        return UserView.of(user, user.currentOrganizationId() == null ? null
                : dev.tollgate.platform.domain.TypeId.format("org", user.currentOrganizationId()));
    }

    @Get("/v1/auth/jwks.json")
    @Operation(operationId = "GetJwks", summary = "Public keys that verify Tollgate's access tokens")
    JwkSet jwks() {
        return new JwkSet(authentication.publicKeys());
    }

    @Get("/.well-known/jwks.json")
    @Operation(operationId = "GetWellKnownJwks", summary = "Public keys that verify Tollgate's access tokens")
    JwkSet wellKnownJwks() {
        return jwks();
    }

    private static SessionResponse view(SignedIn s) {
        return new SessionResponse(UserView.of(s.user(), s.organization() == null ? null : s.organization().publicId()),
                OrganizationRef.of(s.organization()), s.accessToken(), "Bearer", s.expiresAt());
    }
}
