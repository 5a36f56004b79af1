package dev.tollgate.archfixtures.tenancy.adapters.out.jwt;

/** Violates 7: a public adapter class. */
public final class PublicJwtAdapter {
}
