package dev.tollgate.entitlements.domain;

import java.util.Locale;

public enum EntitlementType {
    METERED, BOOLEAN, STATIC;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
