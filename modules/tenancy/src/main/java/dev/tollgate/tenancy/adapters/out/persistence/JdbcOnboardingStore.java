package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.OnboardingStore;
import dev.tollgate.tenancy.domain.Onboarding;
import dev.tollgate.tenancy.domain.Onboarding.Step;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcOnboardingStore implements OnboardingStore {
    private final OnboardingRowRepository rows;
    private final OrganizationRowRepository organizations;
    private final Clock clock;

    JdbcOnboardingStore(OnboardingRowRepository rows, OrganizationRowRepository organizations, Clock clock) {
        this.rows = rows;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public Optional<Onboarding> find(UUID organizationId) {
        return rows.findById(organizationId).map(r -> {
            Map<Step, Instant> done = new EnumMap<>(Step.class);
            put(done, Step.PROJECT_CREATED, r.projectCreatedAt());
            put(done, Step.DATABASE_ADDED, r.databaseAddedAt());
            put(done, Step.CONNECTION_TESTED, r.connectionTestedAt());
            put(done, Step.CONNECTION_STRING_COPIED, r.connectionStringCopiedAt());
            put(done, Step.FIRST_QUERY_RUN, r.firstQueryRunAt());
            Instant created = organizations.findById(organizationId).map(OrganizationRow::createdAt).orElse(r.updatedAt());
            return new Onboarding(organizationId, done, r.dismissedAt(), created);
        });
    }

    @Override
    public void save(Onboarding o) {
        Map<Step, Instant> d = o.done();
        Rows.upsert(rows, o.organizationId(), new OnboardingRow(o.organizationId(), d.get(Step.PROJECT_CREATED), d.get(Step.DATABASE_ADDED),
                d.get(Step.CONNECTION_TESTED), d.get(Step.CONNECTION_STRING_COPIED), d.get(Step.FIRST_QUERY_RUN), o.dismissedAt(),
                clock.instant()));
    }

    private static void put(Map<Step, Instant> done, Step step, Instant at) {
        if (at != null) {
            done.put(step, at);
        }
    }
}
