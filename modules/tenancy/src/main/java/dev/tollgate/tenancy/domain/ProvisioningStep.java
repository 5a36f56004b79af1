package dev.tollgate.tenancy.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One service of a workspace's provisioning: where it stands, how often it was tried and why it last failed. */
public record ProvisioningStep(UUID organizationId, String service, int position, Status status, int attempts, String lastError,
                               Instant updatedAt) {
    public enum Status {
        PENDING, PROVISIONING, READY, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ProvisioningStep pending(UUID organizationId, String service, int position, Instant now) {
        return new ProvisioningStep(organizationId, service, position, Status.PENDING, 0, null, now);
    }

    public ProvisioningStep started(Instant now) {
        return new ProvisioningStep(organizationId, service, position, Status.PROVISIONING, attempts + 1, lastError, now);
    }

    public ProvisioningStep ready(Instant now) {
        return new ProvisioningStep(organizationId, service, position, Status.READY, attempts, null, now);
    }

    public ProvisioningStep failed(String error, Instant now) {
        String message = error == null || error.isBlank() ? "failed" : error.length() > 500 ? error.substring(0, 500) : error;
        return new ProvisioningStep(organizationId, service, position, Status.FAILED, attempts, message, now);
    }

    public ProvisioningStep retried(Instant now) {
        return new ProvisioningStep(organizationId, service, position, Status.PENDING, attempts, lastError, now);
    }

    /**
     * The workspace's overall state: failed if a service failed, ready when all are, provisioning while one runs, else
     * pending (nothing started yet, or nothing recorded).
     */
    public static Status overall(List<ProvisioningStep> steps) {
        if (steps.isEmpty()) {
            return Status.PENDING;
        }
        if (steps.stream().anyMatch(s -> s.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (steps.stream().allMatch(s -> s.status() == Status.READY)) {
            return Status.READY;
        }
        return steps.stream().anyMatch(s -> s.status() != Status.PENDING) ? Status.PROVISIONING : Status.PENDING;
    }
}
