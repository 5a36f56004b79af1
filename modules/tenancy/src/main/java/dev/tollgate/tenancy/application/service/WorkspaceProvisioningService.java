package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.WorkspaceProvisioning;
import dev.tollgate.tenancy.application.port.in.ProvisionWorkspacesUseCase;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.application.port.out.ProvisioningStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.ProvisioningStep;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each step is claimed (compare-and-set), run outside any transaction of ours (the owning module opens its own) and
 * recorded ready or failed in a transaction of its own, so a failure never takes the record of the others with it. A
 * failed step stops the sequence: the services after it wait until it is retried. A step left "provisioning" by a node
 * that died is taken again after {@link #ABANDONED}.
 */
@Singleton
class WorkspaceProvisioningService implements ProvisionWorkspacesUseCase {
    static final Duration ABANDONED = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceProvisioningService.class);
    private final WorkspaceProvisioning provisioning;
    private final ProvisioningStore steps;
    private final OrganizationStore organizations;
    private final WorkspaceService workspaces;
    private final OrganizationAccess access;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    WorkspaceProvisioningService(WorkspaceProvisioning provisioning, ProvisioningStore steps, OrganizationStore organizations,
                                 WorkspaceService workspaces, OrganizationAccess access, TransactionOperations<Connection> transactions,
                                 Clock clock) {
        this.provisioning = provisioning;
        this.steps = steps;
        this.organizations = organizations;
        this.workspaces = workspaces;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void schedule(UUID organizationId) {
        Instant now = clock.instant();
        List<String> services = provisioning.services();
        List<ProvisioningStep> pending = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            pending.add(ProvisioningStep.pending(organizationId, services.get(i), i, now));
        }
        transactions.executeWrite(status -> {
            steps.addMissing(pending);
            return null;
        });
    }

    @Override
    public int runDue(int limit) {
        List<UUID> due = transactions.executeRead(status -> steps.due(clock.instant().minus(ABANDONED), limit));
        int ran = 0;
        for (UUID organizationId : due) {
            ran += runSequence(organizationId);
        }
        return ran;
    }

    /** Runs the organization's steps in order until one fails or one is another node's; returns how many it ran. */
    private int runSequence(UUID organizationId) {
        Optional<Organization> organization = transactions.executeRead(status -> organizations.findById(organizationId));
        if (organization.isEmpty()) {
            return 0; // pending deletion or gone: nothing to set up
        }
        int ran = 0;
        for (ProvisioningStep step : transactions.executeRead(status -> ordered(organizationId))) {
            if (step.status() == ProvisioningStep.Status.READY) {
                continue;
            }
            if (step.status() == ProvisioningStep.Status.FAILED) {
                return ran; // waits for a retry
            }
            Optional<ProvisioningStep> claimed = transactions.executeWrite(status ->
                    steps.claim(organizationId, step.service(), clock.instant().minus(ABANDONED), clock.instant()));
            if (claimed.isEmpty()) {
                return ran; // another node runs it
            }
            ran++;
            ProvisioningStep outcome;
            try {
                provisioning.provision(step.service(), organizationId, organization.get().publicId());
                outcome = claimed.get().ready(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("Provisioning {} of {} failed: {}", step.service(), organization.get().publicId(), e.getMessage());
                outcome = claimed.get().failed(e.getMessage(), clock.instant());
            }
            ProvisioningStep recorded = outcome;
            transactions.executeWrite(status -> {
                steps.save(recorded);
                return null;
            });
            if (recorded.status() == ProvisioningStep.Status.FAILED) {
                return ran;
            }
        }
        return ran;
    }

    @Override
    public Status status(Caller caller, String slug) {
        Organization workspace = transactions.executeRead(status -> workspaces.getBySlugForbiddingStrangers(caller, slug));
        return view(workspace);
    }

    @Override
    public Status retry(Caller caller, String slug, String service) {
        Organization workspace = transactions.executeWrite(status -> {
            Organization w = workspaces.getBySlugForbiddingStrangers(caller, slug);
            access.require(caller, w, Permission.UPDATE_ORGANIZATION);
            List<ProvisioningStep> current = ordered(w.id());
            List<ProvisioningStep> chosen = service == null
                    ? current.stream().filter(s -> s.status() == ProvisioningStep.Status.FAILED).toList()
                    : current.stream().filter(s -> s.service().equals(service)).toList();
            if (service != null && chosen.isEmpty()) {
                throw new ValidationException("service", "'" + service + "' is not a service of this workspace; its services are "
                        + String.join(", ", provisioning.services()));
            }
            if (service != null && chosen.get(0).status() != ProvisioningStep.Status.FAILED) {
                throw new ValidationException("service", "'" + service + "' has not failed (it is " + chosen.get(0).status().wire()
                        + "): only a failed service is retried");
            }
            if (chosen.isEmpty()) {
                throw new ValidationException("service", "no service of this workspace has failed");
            }
            chosen.forEach(s -> steps.save(s.retried(clock.instant())));
            return w;
        });
        runSequence(workspace.id());
        return view(workspace);
    }

    private Status view(Organization workspace) {
        List<ProvisioningStep> current = transactions.executeRead(status -> ordered(workspace.id()));
        if (current.isEmpty()) {
            // Created before provisioning was recorded, or not picked up yet: every service pending.
            current = new ArrayList<>();
            List<String> services = provisioning.services();
            for (int i = 0; i < services.size(); i++) {
                current.add(ProvisioningStep.pending(workspace.id(), services.get(i), i, workspace.createdAt()));
            }
        }
        Instant updated = current.stream().map(ProvisioningStep::updatedAt).max(Comparator.naturalOrder()).orElse(workspace.updatedAt());
        return new Status(workspace.slug().value(), ProvisioningStep.overall(current), List.copyOf(current), updated);
    }

    private List<ProvisioningStep> ordered(UUID organizationId) {
        return steps.steps(organizationId).stream().sorted(Comparator.comparingInt(ProvisioningStep::position)).toList();
    }
}
