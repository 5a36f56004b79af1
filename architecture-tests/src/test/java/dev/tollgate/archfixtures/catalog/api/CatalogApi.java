package dev.tollgate.archfixtures.catalog.api;

/** Allowed: catalog's published facade. */
public interface CatalogApi {
    String planName(String id);
}
