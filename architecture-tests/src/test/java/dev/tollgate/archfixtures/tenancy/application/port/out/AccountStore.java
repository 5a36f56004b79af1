package dev.tollgate.archfixtures.tenancy.application.port.out;

import dev.tollgate.archfixtures.tenancy.domain.Account;

/** Allowed: an outbound port. */
public interface AccountStore {
    void save(Account account);
}
