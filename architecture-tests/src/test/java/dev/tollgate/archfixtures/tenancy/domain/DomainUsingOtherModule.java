package dev.tollgate.archfixtures.tenancy.domain;

import dev.tollgate.archfixtures.catalog.domain.Plan;

/** Violates 3: domain uses another module's domain. */
public record DomainUsingOtherModule(Plan plan) {
}
