package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.Bouncer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bouncers of managed branches (ADR 0056); deleted ones are never found. */
public interface BouncerStore {
    /** @throws dev.tollgate.platform.domain.ConflictException when a live bouncer of the branch has the name */
    void save(Bouncer bouncer);

    Optional<Bouncer> find(UUID branchId, String name);

    List<Bouncer> list(UUID branchId);
}
