package dev.tollgate.tenancy.adapters.out.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tollgate.tenancy.application.port.out.AccessTokens;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * RS256 access tokens signed with a key kept in the data directory (generated on first start, so tokens survive
 * restarts), published as JWKS. Optionally also accepts tokens of an external issuer verified via its JWKS URL: only
 * with that issuer, the configured audience, an unexpired {@code exp} and {@code email_verified: true}.
 */
@Context // created at start-up, so a half-configured external issuer stops the start instead of the first request
final class JwtAccessTokens implements AccessTokens {
    static final String ISSUER = "tollgate";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final RSAKey signingKey;
    private final RSASSAVerifier verifier;
    private final DefaultJWTProcessor<SecurityContext> external;

    JwtAccessTokens(Clock clock, @Nullable @Value("${tollgate.data-dir}") String dataDir,
                    @Nullable @Value("${tollgate.auth.external-jwks-url}") String externalJwksUrl,
                    @Nullable @Value("${tollgate.auth.external-issuer}") String externalIssuer,
                    @Nullable @Value("${tollgate.auth.external-audience}") String externalAudience) {
        this.signingKey = dataDir == null ? generate() : loadOrCreate(Path.of(dataDir, "keys", "jwt-signing-key.json"), JwtAccessTokens::generate);
        try {
            this.verifier = new RSASSAVerifier(signingKey.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable JWT signing key", e);
        }
        this.external = externalJwksUrl == null || externalJwksUrl.isBlank() ? null
                : externalProcessor(externalJwksUrl, required("issuer", externalIssuer), required("audience", externalAudience), clock);
    }

    /**
     * Trusting an issuer's keys without naming the issuer and the audience would accept tokens it issued to any other
     * application (or tokens of anyone else its JWKS serves): Tollgate refuses to start instead.
     */
    private static String required(String what, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("tollgate.auth.external-jwks-url (TOLLGATE_AUTH_EXTERNAL_JWKS_URL) is set but tollgate.auth.external-"
                    + what + " (TOLLGATE_AUTH_EXTERNAL_" + what.toUpperCase(java.util.Locale.ROOT) + ") is not: external JWTs are accepted only "
                    + "from a named issuer for a named audience. Set both, or unset the JWKS URL.");
        }
        return value.strip();
    }

    @Override
    public String issue(UUID userId, String userPublicId, UUID sessionId, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("uid", userPublicId)
                .claim("sid", sessionId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign access token", e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<Claims> verify(String token, Instant now) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException notAJwt) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (ISSUER.equals(claims.getIssuer()) && signingKey.getKeyID().equals(jwt.getHeader().getKeyID())) {
                if (!jwt.verify(verifier) || claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
                    return Optional.empty();
                }
                return Optional.of(new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("sid")),
                        null, claims.getExpirationTime().toInstant()));
            }
            if (external != null) {
                // Signature, issuer, audience, expiry and a verified email (email_verified exactly true) are all checked.
                JWTClaimsSet verified = external.process(jwt, null);
                String email = verified.getStringClaim("email");
                return email == null || !Boolean.TRUE.equals(verified.getClaim("email_verified")) ? Optional.empty()
                        : Optional.of(new Claims(null, null, email, verified.getExpirationTime().toInstant()));
            }
            return Optional.empty();
        } catch (Exception invalid) {
            // Any parse, signature, claim or key-fetch failure means "not authenticated", never a 500.
            return Optional.empty();
        }
    }

    @Override
    public List<Map<String, Object>> publicJwks() {
        return List.of(signingKey.toPublicJWK().toJSONObject());
    }

    /**
     * The external issuer's {@code exp} (and {@code nbf}) are checked on the application's clock, as Tollgate's own
     * tokens are, with Nimbus's tolerance of 60 s for the issuer's clock being off.
     */
    private static DefaultJWTProcessor<SecurityContext> externalProcessor(String url, String issuer, String audience, Clock clock) {
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(new URL(url)).retrying(true).build();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    java.util.Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA), source));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(java.util.Set.of(audience),
                    new JWTClaimsSet.Builder().issuer(issuer).claim("email_verified", Boolean.TRUE).build(),
                    java.util.Set.of("sub", "exp", "email"), null) {
                @Override
                protected Date currentTime() {
                    return Date.from(clock.instant());
                }
            });
            return processor;
        } catch (IOException e) {
            throw new UncheckedIOException("bad tollgate.auth.external-jwks-url " + url, e);
        }
    }

    /**
     * The signing key from {@code file}, or a new one from {@code generator} written there. The file is created with
     * mode 0600 (directory 0700) before the key exists, so the private key is never in a file others can read.
     */
    static RSAKey loadOrCreate(Path file, java.util.function.Supplier<RSAKey> generator) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return RSAKey.parse(Files.readString(file));
            }
            if (Files.exists(file)) {
                // Empty: an earlier start stopped between creating and writing it.
                restrict(file);
            } else {
                createOwnerOnly(file);
            }
            RSAKey key = generator.get();
            Files.writeString(file, key.toJSONString(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return key;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("could not load or create the JWT signing key at " + file, e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            if (!Files.exists(file.getParent())) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(file.getParent());
            Files.createFile(file); // non-POSIX file systems: their own access control applies
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems: their own access control applies
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a JWT signing key", e);
        }
    }
}
