package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.AccessRole;
import dev.tollgate.proxy.domain.DataCluster;
import java.time.Instant;
import java.util.List;

/**
 * What Tollgate does to a data cluster as its administrator (ADR 0054). Names are {@code ManagedIdentifier}s. Each call
 * is one administrative session of its own (PostgreSQL runs CREATE/DROP DATABASE outside transactions): callers
 * record their intent first and repeat a call that failed; creating what exists and dropping what does not are no-ops.
 */
public interface ClusterAdministration {
    /**
     * Creates the database, owned by {@code owner} (a role created here without login, the owner of everything in it),
     * copied from {@code template} when not null (a branch from its parent's schema, and its rows when {@code withData}),
     * with CONNECT taken from PUBLIC: only roles granted it connect. A copy's objects become {@code owner}'s and the
     * template's roles keep no privileges in it.
     *
     * @throws TemplateBusy when the template kept sessions for the few seconds the copy is tried
     */
    void createDatabase(DataCluster cluster, String database, String owner, String template, boolean withData);

    /**
     * The sequential scans in the generic plan of {@code sql} (a read with {@code $n} parameters) on the database, planned
     * as {@code owner} in a read-only transaction (PREPARE and EXPLAIN only: nothing runs). Empty when it does not plan.
     */
    List<SeqScan> seqScans(DataCluster cluster, String database, String owner, String sql);

    /** @param relation schema-qualified; @param tableRows the planner's estimate of the table's rows */
    record SeqScan(String relation, String filter, long tableRows) {
    }

    /** PostgreSQL copies a template only while nobody is connected to it, and somebody stayed. */
    final class TemplateBusy extends RuntimeException {
        public TemplateBusy(String message) {
            super(message);
        }
    }

    /** Drops the database (ending its sessions first) and then its owner role. */
    void dropDatabase(DataCluster cluster, String database, String owner);

    boolean databaseExists(DataCluster cluster, String database);

    /**
     * Creates a login role for the database with the privileges {@code access} means (on tables and sequences there
     * now and those the owner creates later), valid until {@code validUntil} (null: no expiry; PostgreSQL refuses the
     * login after it). Called again for an existing login, it sets the expiry again (after a renewal).
     */
    void createLogin(DataCluster cluster, String database, String owner, String role, String password, AccessRole access, Instant validUntil);

    /** Moves a login's expiry (a renewal). */
    void renewLogin(DataCluster cluster, String role, Instant validUntil);

    /** Drops a login, ending its sessions and taking back what it was granted in the database. */
    void dropLogin(DataCluster cluster, String database, String role);
}
