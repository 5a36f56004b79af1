package dev.tollgate.archfixtures.tenancy.adapters.out.jwt;

/** Violates 7: a public adapter class used outside its adapter (by other adapters and the application core). */
public final class PublicJwtAdapter {
}
