package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

import io.micronaut.http.annotation.Controller;

/** Violates 9a: a controller whose name does not end with Controller. */
@Controller("/fixtures/account-endpoint")
class AccountEndpoint {
}
