package dev.tollgate.archfixtures.tenancy.application.service;

import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Allowed: application may use jakarta.inject and Micronaut transactions. */
@Singleton
class TransactionalService {
    private final AccountStore store;

    TransactionalService(AccountStore store) {
        this.store = store;
    }

    @Transactional
    void touch() {
        store.save(null);
    }
}
