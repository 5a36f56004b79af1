package dev.tollgate.archfixtures.bootstrap;

import dev.tollgate.archfixtures.catalog.domain.Plan;
import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;

/** Allowed: bootstrap may use everything (it implements ports and wires modules). */
final class Wiring {
    AccountStore store;
    Plan plan;
}
