package dev.tollgate.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vercel, as far as Tollgate's integration meets it, on a loopback port: the Marketplace's JWKS (one RSA key this fake
 * signs OIDC tokens with) and the billing endpoint usage is submitted to, which records every call.
 */
final class FakeVercel implements AutoCloseable {
    static final String ISSUER = "https://marketplace.vercel.com";
    static final String CLIENT_ID = "oac_tollgate_test";
    private final HttpServer server;
    private final RSAKey key;
    private final List<Call> billingCalls = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    /** A call of the billing endpoint: the installation in its path, the bearer token it carried, its JSON body. */
    record Call(String installationId, String authorization, String body) {
    }

    FakeVercel() {
        try {
            key = new RSAKeyGenerator(2048).keyID("vercel-test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/jwks", exchange -> reply(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/v1/installations/", this::billing);
        server.start();
    }

    private void billing(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 5 || !"billing".equals(parts[4])) {
            reply(exchange, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such route\"}}");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"try again\"}}");
            return;
        }
        billingCalls.add(new Call(parts[3], exchange.getRequestHeaders().getFirst("Authorization"), body));
        exchange.sendResponseHeaders(201, -1);
        exchange.close();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUrl() {
        return baseUrl() + "/.well-known/jwks";
    }

    /** The next {@code count} billing calls are refused with a 503 (and not recorded). */
    void failNextBillingCalls(int count) {
        failures.set(count);
    }

    List<Call> billingCalls() {
        return List.copyOf(billingCalls);
    }

    /** A user token of an ADMIN of the account, for the installation, valid for five minutes. */
    String adminToken(String installationId) {
        return token(claims(installationId, "ADMIN").build(), key);
    }

    /** Claims as Vercel's user tokens carry them; a test changes what it is about. */
    JWTClaimsSet.Builder claims(String installationId, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT_ID).subject("account:a1b2c3:user:d4e5f6")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("type", "access_token")
                .claim("installation_id", installationId).claim("account_id", "a1b2c3").claim("user_id", "d4e5f6")
                .claim("user_role", role);
    }

    /** A system token (Vercel itself, no user). */
    String systemToken(String installationId) {
        Instant now = Instant.now();
        return token(new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT_ID).subject("account:a1b2c3")
                .expirationTime(Date.from(now.plusSeconds(300))).claim("installation_id", installationId).claim("account_id", "a1b2c3")
                .build(), key);
    }

    String token(JWTClaimsSet claims) {
        return token(claims, key);
    }

    static String token(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key Vercel does not publish, with the published key's id: a forger's. */
    static RSAKey forgersKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("vercel-test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> properties() {
        return Map.of("tollgate.marketplace.vercel.jwks-url", jwksUrl(), "tollgate.marketplace.vercel.client-id", CLIENT_ID,
                "tollgate.marketplace.vercel.api-url", baseUrl());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
