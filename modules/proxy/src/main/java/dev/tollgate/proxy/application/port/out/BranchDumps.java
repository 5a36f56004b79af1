package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.DataCluster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The data cluster's own dump and restore programs (ADR 0072): {@code pg_dump -Fc} and {@code pg_restore}, run as the
 * cluster's administrator. Names are {@code ManagedIdentifier}s.
 */
public interface BranchDumps {
    /**
     * Dumps {@code database} (schema and rows, without owners or grants) into {@code file}; {@code stillRunning} is
     * called every few seconds while the dump runs (the worker renews its lease there).
     *
     * @throws IOException when the program fails or cannot be run; the message carries what it said
     */
    void dump(DataCluster cluster, String database, Path file, Runnable stillRunning) throws IOException;

    /**
     * Restores {@code file} into the empty {@code database} in one transaction, everything created as {@code owner}.
     *
     * @throws IOException when the program fails or cannot be run; nothing was restored then
     */
    void restore(DataCluster cluster, String database, String owner, Path file) throws IOException;
}
