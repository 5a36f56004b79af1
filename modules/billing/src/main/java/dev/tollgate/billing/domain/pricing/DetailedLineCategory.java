package dev.tollgate.billing.domain.pricing;

/** A detailed line is a regular charge, or a commitment top-up that invoices count in {@code chargesTotal}. */
public enum DetailedLineCategory {
    REGULAR, COMMITMENT
}
