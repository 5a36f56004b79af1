package dev.tollgate.billing.domain.subscription;

/** OpenMeter's SubscriptionStatus: where a subscription's active window stands at a given instant. */
public enum SubscriptionStatus {
    ACTIVE, INACTIVE, CANCELED, SCHEDULED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status named by its wire value; empty for anything else. */
    public static java.util.Optional<SubscriptionStatus> ofWire(String text) {
        for (SubscriptionStatus s : values()) {
            if (s.wire().equals(text)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
