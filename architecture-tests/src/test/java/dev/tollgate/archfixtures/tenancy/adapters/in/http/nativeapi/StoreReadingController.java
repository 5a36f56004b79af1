package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;
import io.micronaut.http.annotation.Controller;

/** Violates 6b: an inbound adapter reads an outbound port instead of going through a use case. */
@Controller("/fixtures/store-reading")
class StoreReadingController {
    AccountStore store;
}
