package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.BranchLogin;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Credentials of branches (ADR 0056). Finders skip deleted ones; {@link #unsettled} does not. */
public interface BranchLoginStore {
    void save(BranchLogin login);

    Optional<BranchLogin> findById(UUID id);

    /** The live credential with this user name (user names are unique across all branches). */
    Optional<BranchLogin> findByUsername(String username);

    Page<BranchLogin> list(UUID branchId, BranchLogin.Kind kind, PageRequest page);

    List<BranchLogin> live(UUID branchId);

    /** Credentials whose cluster work is owed (roles not yet created, deleted ones not yet dropped) since before {@code before}, oldest first. */
    List<BranchLogin> unsettled(java.time.Instant before, int limit);
}
