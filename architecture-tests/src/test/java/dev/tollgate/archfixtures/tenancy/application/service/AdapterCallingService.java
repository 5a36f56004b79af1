package dev.tollgate.archfixtures.tenancy.application.service;

import dev.tollgate.archfixtures.tenancy.adapters.out.jwt.PublicJwtAdapter;

/** Violates 5a: the application core uses an adapter instead of a port. */
class AdapterCallingService {
    PublicJwtAdapter adapter;
}
