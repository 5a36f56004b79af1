package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.InstallByOAuth2UseCase;
import dev.tollgate.billing.application.port.in.MarketplaceUseCase.Installed;
import dev.tollgate.billing.application.port.out.OAuth2InstallStates;
import dev.tollgate.billing.application.port.out.PlatformStripeKeys;
import dev.tollgate.billing.application.port.out.StripeConnectSettings;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.Listing;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stripe's install through Stripe Connect OAuth (ADR 0047). The state is 256 random bits, kept as its SHA-256 with the
 * namespace that asked for the URL and an expiry; the callback consumes it in a transaction of its own (so a refused
 * callback still uses it up), only for that namespace, before anything else is looked at. The code is exchanged with
 * Stripe outside any transaction, then the app is installed under the namespace's billing lock as the API-key install.
 */
@Singleton
class OAuth2InstallService implements InstallByOAuth2UseCase {
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String STATE_INVALID = "oauth2_state_invalid";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Steps steps;
    private final MarketplaceService marketplace;
    private final StripeConnectSettings connect;
    private final PlatformStripeKeys platformKeys;
    private final StripeConnections connections;

    OAuth2InstallService(Steps steps, MarketplaceService marketplace, StripeConnectSettings connect, PlatformStripeKeys platformKeys,
                         StripeConnections connections) {
        this.steps = steps;
        this.marketplace = marketplace;
        this.connect = connect;
        this.platformKeys = platformKeys;
        this.connections = connections;
    }

    @Override
    public String installUrl(Caller caller, String type) {
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        String clientId = steps.start(caller, type, hash(state));
        return connect.connectBase() + "/oauth/authorize?response_type=code&client_id=" + encode(clientId) + "&scope=read_write&state="
                + encode(state) + "&redirect_uri=" + encode(connect.redirectUri());
    }

    @Override
    public Authorized authorize(Caller caller, String type, Callback callback) {
        Listing listing = MarketplaceService.find(type);
        if (listing.type() != AppType.STRIPE) {
            throw notOffered(listing);
        }
        if (callback.state() == null || callback.state().isBlank()) {
            throw stateRefused("is required: the state Tollgate issued with the install URL");
        }
        Optional<Instant> expiresAt = steps.consume(caller, listing.type(), hash(callback.state()));
        if (expiresAt.isEmpty()) {
            throw stateRefused("is not a state this namespace was issued, or it was used already");
        }
        if (!expiresAt.get().isAfter(steps.now())) {
            throw new ValidationException("oauth2_state_expired", List.of(new FieldError("state", "expired: an install must finish within "
                    + STATE_LIFETIME.toMinutes() + " minutes of asking for its URL; ask for a new one", "oauth2_state_expired")));
        }
        if (callback.error() != null) {
            String code = "access_denied".equals(callback.error()) ? "oauth2_access_denied" : "oauth2_authorization_failed";
            throw new ValidationException(code, List.of(new FieldError("error", "the provider did not authorize the install: " + callback.error()
                    + (callback.errorDescription() == null ? "" : " (" + callback.errorDescription() + ")"), code)));
        }
        if (callback.code() == null || callback.code().isBlank()) {
            throw new ValidationException("code", "is required: the authorization code the provider sent back");
        }
        String platformKey = requireConnect(listing);
        StripeGateway.Connection connection;
        try {
            connection = connections.gateway().connectAccount(platformKey, callback.code());
        } catch (Refused refused) {
            if (refused.failure() == StripeGateway.Failure.INVALID) {
                throw new ValidationException("oauth2_code_invalid", List.of(new FieldError("code", "Stripe refused the authorization code: "
                        + refused.getMessage(), "oauth2_code_invalid")));
            }
            throw StripeConnections.refusal(refused, "code");
        }
        Installed installed = steps.install(caller, new StripeGateway.Credential(platformKey, connection.accountId()), connection.livemode());
        String appId = Ulid.of(installed.app().id());
        String redirectTo = connect.returnUrl().map(url -> url + (url.contains("?") ? "&" : "?") + "appId=" + appId)
                .orElse(connect.publicUrl() + "/api/v1/apps/" + appId);
        return new Authorized(installed, redirectTo);
    }

    /** The platform's secret key, when Stripe installs through Connect here; else the request's 400. */
    private String requireConnect(Listing listing) {
        if (listing.type() != AppType.STRIPE || !marketplace.connectConfigured()) {
            throw notOffered(listing);
        }
        return platformKeys.secretKey().orElseThrow();
    }

    /** The listing installs without OAuth2, or the operator configured no Connect platform: the API-key install is the way. */
    static ValidationException notOffered(Listing listing) {
        String message = listing.type() != AppType.STRIPE
                ? "the " + listing.name() + " app installs without OAuth2: POST /api/v1/marketplace/listings/" + listing.type().wire() + "/install"
                : "this Tollgate offers no Stripe Connect install (its operator configured no Connect client id, TOLLGATE_STRIPE_CONNECT_CLIENT_ID,"
                + " or no platform secret key): install with an API key, POST /api/v1/marketplace/listings/stripe/install/apikey";
        return new ValidationException("install_method_not_supported", List.of(new FieldError("type", message, "install_method_not_supported")));
    }

    private static ValidationException stateRefused(String message) {
        return new ValidationException(STATE_INVALID, List.of(new FieldError("state", message, STATE_INVALID)));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The transactions of an OAuth2 install (a separate bean, so they apply), each under the namespace's billing lock. */
    @Singleton
    static class Steps {
        private final BillingSetup setup;
        private final OAuth2InstallStates states;
        private final MarketplaceService marketplace;
        private final StripeConnectSettings connect;
        private final Clock clock;

        Steps(BillingSetup setup, OAuth2InstallStates states, MarketplaceService marketplace, StripeConnectSettings connect, Clock clock) {
            this.setup = setup;
            this.states = states;
            this.marketplace = marketplace;
            this.connect = connect;
            this.clock = clock;
        }

        Instant now() {
            return clock.instant();
        }

        /** Authorizes the caller, checks the listing offers OAuth2 here and stores the state's hash; returns the client id. */
        @Transactional
        public String start(Caller caller, String type, String stateHash) {
            UUID namespace = setup.writing(caller);
            Listing listing = MarketplaceService.find(type);
            if (listing.type() != AppType.STRIPE || !marketplace.connectConfigured()) {
                throw notOffered(listing);
            }
            Instant now = clock.instant();
            states.purgeExpired(now);
            states.save(stateHash, namespace, listing.type().wire(), now, now.plus(STATE_LIFETIME));
            return connect.clientId().orElseThrow();
        }

        /** The state used up if this namespace holds it (committed whatever follows); its expiry, or empty. */
        @Transactional
        public Optional<Instant> consume(Caller caller, AppType type, String stateHash) {
            UUID namespace = setup.writing(caller);
            return states.consume(stateHash, namespace, type.wire());
        }

        @Transactional
        public Installed install(Caller caller, StripeGateway.Credential credential, boolean livemode) {
            UUID namespace = setup.writing(caller);
            Installed installed = marketplace.installStripeConnected(namespace, credential, livemode, null, true);
            marketplace.recordInstall(caller, namespace, installed);
            return installed;
        }
    }
}
