package dev.tollgate.archfixtures.webhooks.application.service;

import dev.tollgate.archfixtures.catalog.api.CatalogApi;

/** Violates 2: webhooks may see catalog only through catalog.api.events. */
class CatalogApiCaller {
    CatalogApi catalog;
}
