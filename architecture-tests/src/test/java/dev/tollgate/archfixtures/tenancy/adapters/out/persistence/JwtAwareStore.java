package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import dev.tollgate.archfixtures.tenancy.adapters.out.jwt.PublicJwtAdapter;

/** Violates 6: one outbound adapter uses another system's adapter. */
final class JwtAwareStore {
    PublicJwtAdapter adapter;
}
