package dev.tollgate.archfixtures.bootstrap;

import dev.tollgate.archfixtures.catalog.domain.Plan;
import dev.tollgate.archfixtures.tenancy.application.port.out.AccountStore;

/** Violates rule 2: bootstrap reaching into a module's outbound port and another module's domain. */
final class Wiring {
    AccountStore store;
    Plan plan;
}
