package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.Onboarding;
import java.util.Optional;
import java.util.UUID;

public interface OnboardingStore {
    Optional<Onboarding> find(UUID organizationId);

    void save(Onboarding onboarding);
}
