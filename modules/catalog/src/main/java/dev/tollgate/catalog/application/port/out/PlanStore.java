package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.Plan;

public interface PlanStore extends VersionedStore<Plan> {
}
