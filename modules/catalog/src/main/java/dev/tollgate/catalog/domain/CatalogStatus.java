package dev.tollgate.catalog.domain;

import java.util.Locale;

/** Where a plan or add-on version stands, derived from its effective period and the clock (never stored). */
public enum CatalogStatus {
    DRAFT, ACTIVE, ARCHIVED, SCHEDULED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
