package dev.tollgate.archfixtures.tenancy.application.service;

import dev.tollgate.archfixtures.catalog.api.CatalogApi;

/** Violates 1: tenancy may depend on no other module (even through its api). */
class CatalogCallingService {
    CatalogApi catalog;
}
