package dev.tollgate.archfixtures.tenancy.api;

/** Allowed: a plain published interface. */
public interface TenancyFacade {
    String organizationName(String id);
}
