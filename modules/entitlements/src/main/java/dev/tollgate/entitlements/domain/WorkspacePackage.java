package dev.tollgate.entitlements.domain;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A package (a Tollgate tier, i.e. a plan of the system namespace) provisioned into a workspace by a billing partner:
 * php-tenant's "entitlement". The state machine is the document's: active ⇄ suspended, either → cancelled (final);
 * an uncancelled package past {@code expiresAt} shows as expired until a renewal moves its expiry, but keeps its
 * stored state, on which transitions are decided. Repeating the transition that led to the current state changes
 * nothing, so a partner may retry any call.
 *
 * @param id        php-tenant's integer id; null until stored
 * @param productKey  the catalog key of the plan or add-on
 * @param productCode the code the partner provisioned it with (php-tenant's product_code), which names that key (ADR 0016)
 * @param partnerId the organization whose API key provisioned it: the only one (beside the operator) that may manage it
 */
public record WorkspacePackage(Long id, UUID organizationId, UUID partnerId, PackageKind kind, String productKey, String productCode,
                               String productName,
                               PackageStatus status,
                               String statusReason, Instant startsAt, Instant expiresAt, Instant billingCycleAnchor, String blestaServiceId,
                               Instant createdAt, Instant updatedAt) {

    public static WorkspacePackage provision(UUID organizationId, UUID partnerId, PackageKind kind, String productKey, String productCode,
                                             String productName,
                                             Instant expiresAt, Instant billingCycleAnchor, String blestaServiceId, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new WorkspacePackage(null, organizationId, partnerId, kind, productKey, productCode, productName, PackageStatus.ACTIVE, null, at,
                micros(expiresAt), micros(billingCycleAnchor), blestaServiceId, at, at);
    }

    public WorkspacePackage withId(long newId) {
        return new WorkspacePackage(newId, organizationId, partnerId, kind, productKey, productCode, productName, status, statusReason, startsAt,
                expiresAt,
                billingCycleAnchor, blestaServiceId, createdAt, updatedAt);
    }

    /** The status clients see at {@code t}. */
    public PackageStatus statusAt(Instant t) {
        if (status != PackageStatus.CANCELLED && expiresAt != null && !t.isBefore(expiresAt)) {
            return PackageStatus.EXPIRED;
        }
        return status;
    }

    /** Whether the package's limits are in force at {@code t}. */
    public boolean grantsAt(Instant t) {
        return statusAt(t) == PackageStatus.ACTIVE;
    }

    /** Also when expired (a billing system suspends for non-payment, which comes after the expiry): it stays suspended when renewed. */
    public WorkspacePackage suspend(String reason, Instant now) {
        if (status == PackageStatus.SUSPENDED) {
            return this;
        }
        requireIn(PackageStatus.ACTIVE, "suspended");
        return with(PackageStatus.SUSPENDED, reason, expiresAt, billingCycleAnchor, now);
    }

    public WorkspacePackage unsuspend(Instant now) {
        if (status == PackageStatus.ACTIVE) {
            return this;
        }
        requireIn(PackageStatus.SUSPENDED, "unsuspended");
        return with(PackageStatus.ACTIVE, null, expiresAt, billingCycleAnchor, now);
    }

    public WorkspacePackage cancel(String reason, Instant now) {
        if (status == PackageStatus.CANCELLED) {
            return this;
        }
        return with(PackageStatus.CANCELLED, reason, expiresAt, billingCycleAnchor, now);
    }

    /**
     * A new billing cycle: the expiry and the cycle anchor move where given. An expired package whose expiry moves
     * into the future is in force again, in the state (active or suspended) it expired in. A renewal that moves
     * nothing (a partner's retry of the one before) changes nothing, so it does not start another cycle either.
     */
    public WorkspacePackage renew(Instant newExpiresAt, Instant newAnchor, Instant now) {
        if (status == PackageStatus.CANCELLED) {
            throw new ConflictException("invalid_transition", "Entitlement " + id + " is cancelled and cannot be renewed");
        }
        if (newExpiresAt != null && !newExpiresAt.isAfter(now)) {
            throw new ValidationException("expires_at", "The expires at must be a date after now.");
        }
        Instant expiry = newExpiresAt == null ? expiresAt : micros(newExpiresAt);
        Instant anchor = newAnchor == null ? billingCycleAnchor : micros(newAnchor);
        if (java.util.Objects.equals(expiry, expiresAt) && java.util.Objects.equals(anchor, billingCycleAnchor)) {
            return this;
        }
        return with(status, statusReason, expiry, anchor, now);
    }

    /** Transitions are decided on the stored state, so expiry (derived) never makes a retry fail. */
    private void requireIn(PackageStatus required, String verb) {
        if (status != required) {
            throw new ConflictException("invalid_transition", "Entitlement " + id + " is " + status.wireName() + "; only an "
                    + required.wireName() + " entitlement can be " + verb);
        }
    }

    private WorkspacePackage with(PackageStatus newStatus, String reason, Instant newExpiresAt, Instant newAnchor, Instant now) {
        return new WorkspacePackage(id, organizationId, partnerId, kind, productKey, productCode, productName, newStatus, reason, startsAt,
                newExpiresAt,
                newAnchor, blestaServiceId, createdAt, now.truncatedTo(ChronoUnit.MICROS));
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
