package dev.tollgate.entitlements.domain;

import java.util.Locale;

/** What a package is: a tier plan (the workspace's one tier) or an add-on (allowances stacked on the tier). */
public enum PackageKind {
    PLAN, ADDON;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PackageKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
