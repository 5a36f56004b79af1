package dev.tollgate.archfixtures.tenancy.application.port.in;

import dev.tollgate.archfixtures.tenancy.domain.Account;

/** Allowed: a use case with its nested command record. */
public interface OpenAccountUseCase {
    Account open(OpenAccountCommand command);

    record OpenAccountCommand(String name) {
    }
}
