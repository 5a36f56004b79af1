package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A backup of a branch (ADR 0072): a {@code pg_dump} in custom format of the branch's database, kept in the backup store
 * under {@link #storageKey()} until {@code expiresAt}. The row is also the worker's job: pending, then running under a
 * lease the worker renews, then success (with its size) or failed. A running backup whose lease lapsed was interrupted
 * (its node stopped or crashed) and is failed, never taken up again.
 */
public record Backup(UUID id, UUID projectId, UUID branchId, String name, State state, long sizeBytes, String error, Instant leaseUntil,
                     Instant createdAt, Instant updatedAt, Instant completedAt, Instant expiresAt) {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** PlanetScale's states. */
    public enum State {
        PENDING, RUNNING, SUCCESS, FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State ofWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A backup asked for now, kept for {@code retention} from now; named after its time, as PlanetScale names them. */
    public static Backup requested(UUID projectId, Branch branch, Instant now, Duration retention) {
        return new Backup(TypeId.newUuid(), projectId, branch.id(), NAME.format(now), State.PENDING, 0, null, null, now, now, null,
                now.plus(retention));
    }

    public String publicId() {
        return TypeId.format("bkp", id);
    }

    /** The object's name in the backup store. */
    public String storageKey() {
        return publicId() + ".dump";
    }

    public Backup running(Instant now, Instant leaseUntil) {
        return new Backup(id, projectId, branchId, name, State.RUNNING, sizeBytes, null, leaseUntil, createdAt, now, null, expiresAt);
    }

    public Backup succeeded(long size, Instant now) {
        return new Backup(id, projectId, branchId, name, State.SUCCESS, size, null, null, createdAt, now, now, expiresAt);
    }

    public Backup failed(String reason, Instant now) {
        return new Backup(id, projectId, branchId, name, State.FAILED, 0, reason, null, createdAt, now, now, expiresAt);
    }

    public boolean restorable() {
        return state == State.SUCCESS;
    }
}
