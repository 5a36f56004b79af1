package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Branch;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Branches of managed databases (ADR 0056). Finders skip deleted branches; {@link #unsettled} does not. */
public interface BranchStore {
    /** @throws dev.tollgate.platform.domain.ConflictException when a live branch of the database has the name */
    void save(Branch branch);

    Optional<Branch> find(UUID projectId, String name);

    Optional<Branch> findById(UUID id);

    /** Deleted or not (the cluster work of a deleted branch's logins needs it). */
    Optional<Branch> findAny(UUID id);

    Page<Branch> list(UUID projectId, PageRequest page);

    List<Branch> live(UUID projectId);

    /** Branches whose cluster work is owed (creations not yet done, drops of deleted ones) since before {@code before}, oldest first. */
    List<Branch> unsettled(java.time.Instant before, int limit);
}
