package dev.tollgate.tenancy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A workspace data export (Centrali's export jobs): requested, claimed by a worker, written resource by resource, then
 * downloadable until {@code downloadExpiresAt}. A completed job whose link has expired shows as expired; its archive is
 * removed by the worker, its record kept.
 */
public record ExportJob(UUID id, UUID organizationId, String requestedBy, Status status, List<ResourceProgress> progress, int attempts,
                        String errorMessage, Long archiveBytes, Instant downloadExpiresAt, Instant createdAt, Instant updatedAt) {
    /** The longest error text kept: the first lines of what went wrong, not a stack of causes. */
    private static final int MAX_ERROR = 500;

    public enum Status {
        PENDING, PROCESSING, COMPLETED, FAILED, EXPIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** One resource of the archive: pending, writing, done (with how many records) or failed. */
    public record ResourceProgress(String resource, String state, long records) {
        public static final String PENDING = "pending";
        public static final String WRITING = "writing";
        public static final String DONE = "done";
        public static final String FAILED = "failed";
    }

    public static ExportJob requested(UUID id, UUID organizationId, String requestedBy, List<String> resources, Instant now) {
        return new ExportJob(id, organizationId, requestedBy, Status.PENDING,
                resources.stream().map(r -> new ResourceProgress(r, ResourceProgress.PENDING, 0)).toList(), 0, null, null, null, now, now);
    }

    public boolean isActive() {
        return status == Status.PENDING || status == Status.PROCESSING;
    }

    /** The status a reader sees at {@code now}: a completed job past its link's expiry is expired. */
    public Status statusAt(Instant now) {
        return status == Status.COMPLETED && downloadExpiresAt != null && !now.isBefore(downloadExpiresAt) ? Status.EXPIRED : status;
    }

    public boolean downloadableAt(Instant now) {
        return statusAt(now) == Status.COMPLETED;
    }

    public ExportJob resource(String resource, String state, long records, Instant now) {
        List<ResourceProgress> next = progress.stream()
                .map(p -> p.resource().equals(resource) ? new ResourceProgress(resource, state, records) : p).toList();
        return new ExportJob(id, organizationId, requestedBy, status, next, attempts, errorMessage, archiveBytes, downloadExpiresAt,
                createdAt, now);
    }

    /** Every resource back to pending: a new attempt writes the archive from its start. */
    public ExportJob restarted(Instant now) {
        return new ExportJob(id, organizationId, requestedBy, Status.PROCESSING,
                progress.stream().map(p -> new ResourceProgress(p.resource(), ResourceProgress.PENDING, 0)).toList(), attempts + 1, null,
                null, null, createdAt, now);
    }

    public ExportJob completed(long bytes, Duration linkLifetime, Instant now) {
        return new ExportJob(id, organizationId, requestedBy, Status.COMPLETED, progress, attempts, null, bytes, now.plus(linkLifetime),
                createdAt, now);
    }

    public ExportJob failed(String error, Instant now) {
        String message = error == null || error.isBlank() ? "the export failed" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return new ExportJob(id, organizationId, requestedBy, Status.FAILED, progress, attempts, message, null, null, createdAt, now);
    }

    /** Resources written out of all, as a whole percentage. */
    public int percentDone() {
        if (progress.isEmpty()) {
            return status == Status.COMPLETED ? 100 : 0;
        }
        long done = progress.stream().filter(p -> p.state().equals(ResourceProgress.DONE)).count();
        return (int) (done * 100 / progress.size());
    }
}
