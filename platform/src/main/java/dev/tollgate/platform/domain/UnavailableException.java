package dev.tollgate.platform.domain;

/**
 * Something the request needs outside Tollgate is unreachable or not configured (a 503): e.g. reconciling with Stripe
 * while Stripe is down or no Stripe account is installed. The message names what is missing, so an operator can act.
 */
public final class UnavailableException extends DomainException {
    public UnavailableException(String code, String message) {
        super(code, message);
    }
}
