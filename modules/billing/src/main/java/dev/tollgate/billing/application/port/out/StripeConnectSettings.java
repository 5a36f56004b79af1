package dev.tollgate.billing.application.port.out;

import java.util.Optional;

/**
 * The operator's Stripe Connect platform settings (ADR 0047): its client id ({@code ca_…}), where Connect's OAuth
 * pages are, the address Stripe sends the browser back to, and where the browser goes once the app is installed.
 */
public interface StripeConnectSettings {
    /** Absent on a Tollgate that does not offer Connect installs. */
    Optional<String> clientId();

    /** {@code https://connect.stripe.com} unless pointed at a fake. */
    String connectBase();

    /** Tollgate's own authorize route on its public URL: Connect's {@code redirect_uri}. */
    String redirectUri();

    /** Where the browser is sent after an install (the app's id is added as {@code appId}); absent: the installed app's resource. */
    Optional<String> returnUrl();

    /** Tollgate's public URL, without a trailing slash. */
    String publicUrl();
}
