package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;

/**
 * OpenMeter's OAuth2 install (ADR 0047): Stripe through Stripe Connect. The install URL carries a one-time state bound
 * to the caller's namespace; the authorize callback must come back to the same namespace with it.
 */
public interface InstallByOAuth2UseCase {
    /** What the provider sent the browser back with: a code on success, an error otherwise; the state in both cases. */
    record Callback(String state, String code, String error, String errorDescription) {
    }

    /** The install, and where the browser goes next. */
    record Authorized(MarketplaceUseCase.Installed installed, String redirectTo) {
    }

    /**
     * Connect's authorize URL for {@code type} (Stripe only) with a fresh state that only this namespace can use, once,
     * within its lifetime. Refused when the operator configured no Connect platform.
     */
    String installUrl(Caller caller, String type);

    /**
     * Checks and consumes the state, then exchanges the code for the connected account and installs the app for it
     * (with a billing profile, as the API-key install). A missing, unknown, used, expired or another namespace's state,
     * a provider's error or a code Stripe refuses are the request's 400s.
     */
    Authorized authorize(Caller caller, String type, Callback callback);
}
