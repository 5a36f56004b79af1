package dev.tollgate.archfixtures.tenancy.api;

import dev.tollgate.archfixtures.tenancy.domain.Account;

/** Violates 4: the published api exposes the module's domain. */
public interface DomainLeakingFacade {
    Account account(String id);
}
