package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.VercelCaller;

/**
 * Verifies the OIDC token Vercel sends with every Marketplace partner call: its signature against Vercel's JWKS, the
 * issuer, the audience (the integration's client id) and its lifetime.
 */
public interface VercelTokens {
    /** The caller the token names; {@link dev.tollgate.platform.domain.UnauthenticatedException} for any other token. */
    VercelCaller verify(String bearerToken);
}
