package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

/** Violates 7: a public adapter class. */
public record PublicHttpView(String id) {
}
