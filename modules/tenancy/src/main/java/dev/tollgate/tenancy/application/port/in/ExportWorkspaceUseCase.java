package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.ExportJob;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Centrali's workspace data exports: a request starts a job (one active per workspace), a worker writes its archive,
 * and its admins read its progress and, once done, a signed link that downloads the archive until it expires.
 */
public interface ExportWorkspaceUseCase {
    /** Starts an export of the workspace; a conflict while one is pending or processing. */
    ExportView request(Caller caller, String slug);

    /** The active job, else the newest one finished recently (completed, failed or expired); empty when none. */
    Optional<ExportView> latest(Caller caller, String slug);

    /** A job of the workspace by its id; not found for another workspace's. */
    ExportView get(Caller caller, String slug, String jobId);

    /** Runs up to {@code limit} due jobs to their end (completed or failed); returns how many ran. */
    int runDue(int limit);

    /** Removes the archives of up to {@code limit} jobs whose link expired; the jobs' records stay. */
    int removeExpiredArchives(int limit);

    /**
     * The archive a signed link names, when the signature is the link's and neither it nor the job has expired;
     * otherwise not found (the same answer for a forged, expired or unknown link).
     */
    Download download(String slug, String jobId, long expiresEpochSecond, String signature);

    /** A job as a reader sees it at {@code now}, with its download link (path and query) while it is downloadable. */
    record ExportView(ExportJob job, String jobId, ExportJob.Status status, String downloadPath, Instant downloadExpiresAt) {
    }

    /**
     * The archive's name and size, and its bytes as {@code chunks} pieces read one at a time (each read is short, so a
     * slow client holds no database connection between them).
     */
    record Download(String fileName, long bytes, int chunks, IntFunction<byte[]> chunk) {
    }
}
