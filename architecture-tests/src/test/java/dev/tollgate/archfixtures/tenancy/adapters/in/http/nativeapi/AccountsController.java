package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.archfixtures.tenancy.application.port.in.OpenAccountUseCase;
import io.micronaut.http.annotation.Controller;

/** Allowed: a package-private controller of one dialect that calls a use case. */
@Controller("/fixtures/accounts")
class AccountsController {
    private final OpenAccountUseCase openAccount;

    AccountsController(OpenAccountUseCase openAccount) {
        this.openAccount = openAccount;
    }

    static final class AccountView {
    }
}
