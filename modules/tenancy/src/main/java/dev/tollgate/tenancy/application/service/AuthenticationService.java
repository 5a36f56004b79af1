package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.ratelimit.RateLimiter;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.CreateWorkspaceCommand;
import dev.tollgate.tenancy.application.port.out.AccessTokens;
import dev.tollgate.tenancy.application.port.out.ApiKeyStore;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.application.port.out.LoginLimits;
import dev.tollgate.tenancy.application.port.out.PasswordHasher;
import dev.tollgate.tenancy.application.port.out.ServiceTokenStore;
import dev.tollgate.tenancy.application.port.out.SessionStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Secrets;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import dev.tollgate.tenancy.domain.User;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@Singleton
class AuthenticationService implements AuthenticateUseCase {
    static final Duration SESSION_LIFETIME = Duration.ofDays(7);
    /** last_used_at is a hint for people, not an audit trail: one write per key per minute is plenty. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final UserStore users;
    private final OrganizationStore organizations;
    private final SessionStore sessions;
    private final ApiKeyStore apiKeys;
    private final ServiceTokenStore serviceTokens;
    private final PasswordHasher passwords;
    private final AccessTokens accessTokens;
    private final WorkspaceService workspaces;
    private final CredentialCache cache;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final LoginLimits loginLimits;
    private final TransactionOperations<Connection> transactions;
    /** Hashed on first need (through the bounded hasher), so a busy start cannot fail this bean's creation. */
    private volatile String dummyHash;

    AuthenticationService(UserStore users, OrganizationStore organizations, SessionStore sessions, ApiKeyStore apiKeys,
                          ServiceTokenStore serviceTokens, PasswordHasher passwords, AccessTokens accessTokens,
                          WorkspaceService workspaces, CredentialCache cache, Clock clock, RateLimiter rateLimiter,
                          LoginLimits loginLimits, TransactionOperations<Connection> transactions) {
        this.users = users;
        this.organizations = organizations;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.serviceTokens = serviceTokens;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.workspaces = workspaces;
        this.cache = cache;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.loginLimits = loginLimits;
        this.transactions = transactions;
    }

    /** The password is hashed (bounded, PasswordHasher) before the transaction, which so holds no connection while it runs. */
    @Override
    public SignedIn signUp(SignUpCommand command) {
        String email = User.normalizeEmail(command.email());
        User.checkPasswordStrength(command.password());
        String passwordHash = passwords.hash(command.password());
        return transactions.executeWrite(status -> {
            if (users.findByEmail(email).isPresent()) {
                throw new ConflictException("email_taken", "An account with email '" + email + "' already exists");
            }
            Instant now = clock.instant();
            User user = User.register(email, command.name(), passwordHash, now);
            users.save(user);
            String organizationName = command.organizationName() == null || command.organizationName().isBlank()
                    ? user.name() + "'s workspace" : command.organizationName();
            Organization organization = workspaces.createOwnedBy(user,
                    new CreateWorkspaceCommand(organizationName, command.organizationSlug(), null, null, null, "personal", email));
            User withCurrent = user.withCurrentOrganization(organization.id());
            users.save(withCurrent);
            return startSession(withCurrent, organization, now);
        });
    }

    /**
     * No transaction: the Argon2 check (bounded, PasswordHasher) must not hold a connection, and each statement
     * (the user's row, the new session) stands alone.
     */
    @Override
    public SignedIn logIn(String email, String password) {
        // Per email, so guessing one account's password is slow while others log in undisturbed (per address: the HTTP filter).
        rateLimiter.acquire(loginLimits.perEmail(), email == null ? "" : email.strip().toLowerCase());
        Optional<User> user = email == null ? Optional.empty() : users.findByEmail(email.strip().toLowerCase());
        // Hash even for unknown emails, so response time does not reveal which accounts exist.
        boolean valid = passwords.matches(password == null ? "" : password, user.map(User::passwordHash).orElseGet(this::dummyHash));
        if (user.isEmpty() || !valid) {
            throw new UnauthenticatedException("Invalid email or password");
        }
        Organization current = Optional.ofNullable(user.get().currentOrganizationId()).flatMap(organizations::findById).orElse(null);
        return startSession(user.get(), current, clock.instant());
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = passwords.hash("not-a-real-password-" + UUID.randomUUID());
            dummyHash = hash;
        }
        return hash;
    }

    private SignedIn startSession(User user, Organization organization, Instant now) {
        UUID sessionId = UUID.randomUUID();
        String secret = Secrets.generate("tgs_");
        Instant expiresAt = now.plus(SESSION_LIFETIME);
        sessions.create(sessionId, user.id(), Secrets.hash(secret), now, expiresAt);
        return new SignedIn(user, organization, accessTokens.issue(user.id(), user.publicId(), sessionId, now), secret, expiresAt);
    }

    @Override
    @Transactional
    public void logOut(Caller caller) {
        if (!caller.isUser() || caller.credentialId() == null) {
            throw new UnauthenticatedException("Only a login session can be logged out");
        }
        sessions.revoke(UUID.fromString(caller.credentialId()), clock.instant());
    }

    @Override
    public Optional<Caller> resolveBearer(String credential) {
        if (ApiKey.looksLikeKey(credential)) {
            return resolveApiKey(credential);
        }
        Instant now = clock.instant();
        return accessTokens.verify(credential, now).flatMap(claims -> {
            if (claims.sessionId() != null) {
                return sessions.findValidById(claims.sessionId(), now)
                        .map(s -> Caller.user(s.userId(), s.id().toString()));
            }
            // A trusted external issuer's token: its verified email names the user.
            return Optional.ofNullable(claims.email())
                    .flatMap(e -> users.findByEmail(e.toLowerCase()))
                    .map(u -> Caller.user(u.id(), null));
        });
    }

    private Optional<Caller> resolveApiKey(String plaintext) {
        String hash = Secrets.hash(plaintext);
        Optional<ApiKey> key = cache.apiKey(hash, apiKeys::findBySecretHash).filter(k -> !k.isRevoked());
        key.ifPresent(this::recordUse);
        return key.map(k -> new Caller(Caller.Kind.API_KEY, k.createdBy(), k.organizationId(), k.scopes(), k.publicId()));
    }

    private void recordUse(ApiKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            apiKeys.touch(key.id(), now);
            cache.forgetApiKey(key.secretHash());
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Caller> resolveServiceToken(String id, String token) {
        return serviceTokens.findByPublicId(id)
                .filter(t -> constantTimeEquals(t.secretHash(), Secrets.hash(token)))
                .map(t -> new Caller(Caller.Kind.SERVICE_TOKEN, null, t.organizationId(), organizationWideAccesses(t), t.publicId()));
    }

    private Set<String> organizationWideAccesses(ServiceToken token) {
        return serviceTokens.accesses(token.id()).stream()
                .filter(a -> a.database() == null)
                .map(ServiceTokenAccess::access)
                .collect(Collectors.toSet());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Caller> resolveSession(String sessionSecret) {
        return sessions.findValid(Secrets.hash(sessionSecret), clock.instant())
                .map(s -> Caller.user(s.userId(), s.id().toString()));
    }

    @Override
    @Transactional(readOnly = true)
    public User currentUser(Caller caller) {
        if (!caller.isUser()) {
            throw new NotFoundException("This credential does not belong to a signed-in user");
        }
        return users.findById(caller.userId()).orElseThrow(() -> new UnauthenticatedException("The user no longer exists"));
    }

    @Override
    public java.util.List<java.util.Map<String, Object>> publicKeys() {
        return accessTokens.publicJwks();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
