package dev.tollgate.entitlements.application.port.out;

import java.net.URI;
import java.security.PublicKey;

/**
 * The two URLs an SNS message names. Callers pass only URLs already checked against the allowed host pattern
 * ({@link dev.tollgate.entitlements.domain.SnsMessage#allowedSnsUrl}).
 */
public interface SnsEndpoints {
    /** The public key of the X.509 signing certificate at {@code certificateUrl} (cached by URL). */
    PublicKey signingKey(URI certificateUrl);

    /** Visits a SubscriptionConfirmation's SubscribeURL, which confirms the endpoint's subscription to the topic. */
    void confirmSubscription(URI subscribeUrl);
}
