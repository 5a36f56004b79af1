package dev.tollgate.proxy.application.port.in;

/** The backup worker's steps (ADR 0072), driven by a schedule; every node may run them at once. */
public interface RunBackupsUseCase {
    /** Takes the oldest pending backup, if any; true when one was taken (successfully or not). */
    boolean takeNext();

    /** Fails the running backups whose worker stopped renewing their lease (a node stopped or crashed); returns how many. */
    int failInterrupted();

    /** Removes the expired backups' dumps and rows; returns how many. */
    int purgeExpired();
}
