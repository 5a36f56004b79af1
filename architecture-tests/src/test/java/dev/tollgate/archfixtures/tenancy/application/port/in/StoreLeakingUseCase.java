package dev.tollgate.archfixtures.tenancy.application.port.in;

import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;

/** Violates 6b: a use case exposes an outbound port type to its callers. */
public interface StoreLeakingUseCase {
    AccountStore store();
}
