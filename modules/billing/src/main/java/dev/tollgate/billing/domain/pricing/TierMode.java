package dev.tollgate.billing.domain.pricing;

/**
 * How tiers price usage: {@code VOLUME} prices all of it at the one tier the period's total falls in; {@code GRADUATED}
 * prices each slice of usage at the tier it falls in, like income tax brackets.
 */
public enum TierMode {
    VOLUME, GRADUATED
}
