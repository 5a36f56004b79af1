package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Replica;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registered databases and their replicas; finders skip deleted databases. */
public interface DatabaseStore {
    void save(Database database);

    Optional<Database> findById(UUID id);

    /** The project's live database with this upstream name, the primary first when several share it. */
    Optional<Database> findByName(UUID projectId, String name);

    Page<Database> list(UUID projectId, PageRequest page);

    int count(UUID projectId);

    void deleteAllOf(UUID projectId, Instant now);

    void saveReplica(Replica replica);

    List<Replica> replicas(UUID databaseId);

    Optional<Replica> findReplica(UUID databaseId, UUID replicaId);

    void deleteReplica(UUID replicaId);
}
