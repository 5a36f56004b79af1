package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.catalog.application.port.out.PlanStore;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.Versioned;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.Map;

@Singleton
final class JdbcPlanStore extends JdbcVersionedStore<Plan> implements PlanStore {
    JdbcPlanStore(ProductVersionRowRepository rows, JdbcOperations jdbc) {
        super(Plan.KIND, rows, jdbc);
    }

    @Override
    Plan restore(Versioned header, Map<String, Object> terms) {
        return Plan.restore(header, terms);
    }

    @Override
    Map<String, Object> terms(Plan plan) {
        return plan.termsDocument();
    }
}
