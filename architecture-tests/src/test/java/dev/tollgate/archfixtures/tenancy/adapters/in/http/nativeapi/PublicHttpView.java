package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

/** Violates 7: a public adapter class used outside its adapter (by another dialect and by persistence). */
public record PublicHttpView(String id) {
}
