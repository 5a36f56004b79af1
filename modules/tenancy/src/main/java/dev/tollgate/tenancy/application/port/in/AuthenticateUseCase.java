package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.User;
import java.time.Instant;
import java.util.Optional;

/** Sign-up, login, logout, and turning a credential from a request into a {@link Caller}. */
public interface AuthenticateUseCase {

    /** Registers a user with a first organization they own (slug derived from the name when not given). */
    SignedIn signUp(SignUpCommand command);

    SignedIn logIn(String email, String password);

    void logOut(Caller caller);

    /** {@code Authorization: Bearer <jwt or API key>}. Empty when the credential is unknown, revoked or expired. */
    Optional<Caller> resolveBearer(String credential);

    /** {@code Authorization: ServiceToken <id>:<token>}. */
    Optional<Caller> resolveServiceToken(String id, String token);

    /** The php-tenant {@code session} cookie. */
    Optional<Caller> resolveSession(String sessionSecret);

    User currentUser(Caller caller);

    /** The public keys that verify Tollgate's access tokens, each a JWK (the {@code keys} of a JWKS document). */
    java.util.List<java.util.Map<String, Object>> publicKeys();

    record SignUpCommand(String email, String password, String name, String organizationName, String organizationSlug) {
    }

    /** A fresh login: the JWT for Authorization headers and the secret for the session cookie. */
    record SignedIn(User user, Organization organization, String accessToken, String sessionSecret, Instant expiresAt) {
    }
}
