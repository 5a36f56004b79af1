package dev.tollgate.entitlements.adapters.out.vercel;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tollgate.entitlements.application.port.out.VercelTokens;
import dev.tollgate.entitlements.domain.VercelCaller;
import dev.tollgate.platform.domain.UnauthenticatedException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vercel Marketplace's OIDC tokens, verified with Nimbus against the JWKS at {@code tollgate.marketplace.vercel.jwks-url}:
 * signature (RS256/ES256, key by {@code kid}, keys cached and refetched for an unknown one), issuer
 * ({@code tollgate.marketplace.vercel.issuer}), audience = the integration's client id
 * ({@code tollgate.marketplace.vercel.client-id}), {@code exp} on the application clock, and the installation claims.
 * The JWKS URL is the operator's configuration, never a caller's, so it is fetched as configured.
 */
@Singleton
final class NimbusVercelTokens implements VercelTokens {
    private static final Logger LOG = LoggerFactory.getLogger(NimbusVercelTokens.class);
    private final DefaultJWTProcessor<SecurityContext> processor;

    NimbusVercelTokens(Clock clock,
                       @Value("${tollgate.marketplace.vercel.jwks-url:`https://marketplace.vercel.com/.well-known/jwks`}") String jwksUrl,
                       @Value("${tollgate.marketplace.vercel.issuer:`https://marketplace.vercel.com`}") String issuer,
                       @Nullable @Value("${tollgate.marketplace.vercel.client-id}") String clientId) {
        this.processor = clientId == null || clientId.isBlank() ? null : processor(jwksUrl.strip(), issuer.strip(), clientId.strip(), clock);
        if (processor == null) {
            LOG.info("tollgate.marketplace.vercel.client-id is not set: the Vercel Marketplace partner API refuses every call");
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String jwksUrl, String issuer, String clientId, Clock clock) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("tollgate.marketplace.vercel.jwks-url is not a URL: " + jwksUrl, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(clientId),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub", "installation_id", "account_id"), Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor;
    }

    @Override
    public VercelCaller verify(String bearerToken) {
        if (processor == null) {
            throw new UnauthenticatedException("The Vercel Marketplace integration is not configured on this server");
        }
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new UnauthenticatedException("A Vercel OIDC token is required (Authorization: Bearer ...)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken.strip(), null);
        } catch (ParseException | BadJOSEException e) {
            // Expired, wrong issuer or audience, unknown key, bad signature: all are "not a token from Vercel for us".
            throw new UnauthenticatedException("The Vercel OIDC token is not valid: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new UnauthenticatedException("The Vercel OIDC token could not be verified");
        }
        try {
            String userId = claims.getStringClaim("user_id");
            String role = claims.getStringClaim("user_role");
            if (userId != null && !"ADMIN".equals(role) && !"USER".equals(role)) {
                throw new UnauthenticatedException("The Vercel OIDC token names a user without a role");
            }
            return new VercelCaller(claims.getStringClaim("installation_id"), claims.getStringClaim("account_id"), userId, role,
                    claims.getStringClaim("user_email"), claims.getStringClaim("user_name"));
        } catch (ParseException e) {
            throw new UnauthenticatedException("The Vercel OIDC token's claims are not strings");
        }
    }
}
