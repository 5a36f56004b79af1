package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.ProvisioningStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ProvisioningStore {
    /** The organization's steps in order. */
    List<ProvisioningStep> steps(UUID organizationId);

    /** Adds the steps that are not there yet (a second delivery of the creation adds nothing). */
    void addMissing(List<ProvisioningStep> steps);

    void save(ProvisioningStep step);

    /**
     * Takes the step if it is pending, or provisioning but abandoned since before {@code staleBefore} (a node died
     * running it): compare-and-set, so two nodes never run it at once.
     */
    Optional<ProvisioningStep> claim(UUID organizationId, String service, Instant staleBefore, Instant now);

    /** Organizations with a step to run (pending, or abandoned since before {@code staleBefore}), oldest first. */
    List<UUID> due(Instant staleBefore, int limit);
}
