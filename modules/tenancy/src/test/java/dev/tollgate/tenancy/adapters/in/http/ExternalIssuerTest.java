package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PgBeam's "JWT verified via JWKS": tokens of a trusted external issuer, fetched over real HTTP. */
@MicronautTest(transactional = false)
class ExternalIssuerTest extends HttpTest {
    static final String ISSUER = "https://auth.example.test";
    static final String AUDIENCE = "tollgate-dashboard";
    static final RSAKey ISSUER_KEY = generate("issuer-key");
    static final RSAKey IMPOSTOR_KEY = generate("issuer-key");
    static HttpServer jwksServer;
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        jwksServer = startJwksServer();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.auth.external-jwks-url", "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
        properties.put("tollgate.auth.external-issuer", ISSUER);
        properties.put("tollgate.auth.external-audience", AUDIENCE);
        return properties;
    }

    @AfterAll
    void stopJwks() {
        jwksServer.stop(0);
    }

    @Test
    void aTokenSignedByTheTrustedIssuerAuthenticatesTheUserWithThatEmail() throws Exception {
        Account kim = Accounts.signUp(http, "Kim");
        String token = sign(ISSUER_KEY, ISSUER, kim.email(), clock.instant().plusSeconds(300));
        assertEquals(kim.email(), http.get("/v1/me", "Authorization", "Bearer " + token).expect(200).json().get("email").asText());

        http.get("/v1/me", "Authorization", "Bearer " + sign(IMPOSTOR_KEY, ISSUER, kim.email(), clock.instant().plusSeconds(300))).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, "https://evil.test", kim.email(), clock.instant().plusSeconds(300))).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, kim.email(), clock.instant().minusSeconds(300))).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, "stranger@example.test", clock.instant().plusSeconds(300))).expect(401);
    }

    @Test
    void theIssuersExpiryIsCheckedOnTheApplicationClockWithSixtySecondsOfTolerance() throws Exception {
        Account max = Accounts.signUp(http, "Max");
        // Long before the machine's time: a token the system clock would call expired is valid on the application's.
        clock.set(Instant.parse("2026-01-15T12:00:00Z"));
        Instant expires = Instant.parse("2026-01-15T12:05:00Z");
        String token = sign(ISSUER_KEY, ISSUER, max.email(), expires);
        http.get("/v1/me", "Authorization", "Bearer " + token).expect(200);
        // Refused from exp + 60 s on, exactly as Tollgate's own tokens are from exp on (plus the issuer's tolerance).
        clock.set(expires.plusSeconds(59));
        http.get("/v1/me", "Authorization", "Bearer " + token).expect(200);
        clock.set(expires.plusSeconds(60));
        http.get("/v1/me", "Authorization", "Bearer " + token).expect(401);
    }

    @Test
    void theIssuersTokensForAnotherAudienceOrAnUnverifiedEmailAreRefused() throws Exception {
        Account lee = Accounts.signUp(http, "Lee");
        Instant later = clock.instant().plusSeconds(300);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, AUDIENCE, lee.email(), true, later)).expect(200);
        // another application's token from the same issuer, or one with no audience at all
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, "some-other-app", lee.email(), true, later)).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, null, lee.email(), true, later)).expect(401);
        // whoever typed this email in has not proven it is theirs
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, AUDIENCE, lee.email(), false, later)).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, AUDIENCE, lee.email(), null, later)).expect(401);
        http.get("/v1/me", "Authorization", "Bearer " + sign(ISSUER_KEY, ISSUER, AUDIENCE, lee.email(), "true", later)).expect(401);
    }

    private static String sign(RSAKey key, String issuer, String email, Instant expires) throws Exception {
        return sign(key, issuer, AUDIENCE, email, true, expires);
    }

    private static String sign(RSAKey key, String issuer, String audience, String email, Object emailVerified, Instant expires)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("ext-user").claim("email", email)
                .issueTime(new Date()).expirationTime(Date.from(expires));
        if (audience != null) {
            claims.audience(audience);
        }
        if (emailVerified != null) {
            claims.claim("email_verified", emailVerified);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpServer startJwksServer() {
        try {
            HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwks.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            jwks.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
