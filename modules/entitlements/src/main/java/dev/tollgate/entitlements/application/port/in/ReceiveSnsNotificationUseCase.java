package dev.tollgate.entitlements.application.port.in;

/**
 * AWS Marketplace's SNS notifications, delivered over HTTP (ADR 0044): subscription changes (subscribe-success,
 * subscribe-fail, unsubscribe-pending, unsubscribe-success) and entitlement changes (entitlement-updated), and the
 * topic's SubscriptionConfirmation. Nothing is believed before the message's signature is verified with a certificate
 * fetched only from an allowed host, from an allowed topic, recently signed.
 */
public interface ReceiveSnsNotificationUseCase {
    /** Handles the raw body SNS posted; forbidden when it is not a trustworthy message of the listing's topics. */
    void receive(String body);
}
