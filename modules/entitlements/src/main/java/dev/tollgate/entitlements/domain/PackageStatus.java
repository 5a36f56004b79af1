package dev.tollgate.entitlements.domain;

import java.util.Locale;

/** php-tenant's entitlement states. EXPIRED is never stored: it is what an uncancelled package past its expiry is. */
public enum PackageStatus {
    ACTIVE, SUSPENDED, CANCELLED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PackageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
