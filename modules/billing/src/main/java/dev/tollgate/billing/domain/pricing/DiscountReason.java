package dev.tollgate.billing.domain.pricing;

/** Why an amount was taken off a detailed line; {@link #wireName()} is OpenMeter's {@code BillingDiscountReason} type. */
public enum DiscountReason {
    RATECARD_PERCENTAGE("ratecard_percentage"),
    MAXIMUM_SPEND("maximum_spend");

    private final String wireName;

    DiscountReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
