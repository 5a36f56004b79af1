package dev.tollgate.archfixtures.catalog.application.service;

import dev.tollgate.archfixtures.tenancy.domain.Account;

/** Violates 2: catalog may use tenancy, but only its api, not its domain. */
class TenancyInternalsReader {
    Account account;
}
