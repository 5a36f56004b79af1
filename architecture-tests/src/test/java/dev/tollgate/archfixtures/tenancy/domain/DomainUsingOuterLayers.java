package dev.tollgate.archfixtures.tenancy.domain;

import dev.tollgate.archfixtures.tenancy.adapters.out.jwt.PublicJwtAdapter;
import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;

/** Violates 3: domain uses its own module's application and adapters. */
final class DomainUsingOuterLayers {
    AccountStore store;
    PublicJwtAdapter adapter;
}
