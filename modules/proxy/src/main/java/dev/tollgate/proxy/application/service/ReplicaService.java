package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.ManageReplicasUseCase;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Replica;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Singleton
class ReplicaService implements ManageReplicasUseCase {
    private final DatabaseStore databases;
    private final ProjectLookup lookup;
    private final Clock clock;
    private final DestinationCheck destinations;

    private final AuditTrail audit;

    ReplicaService(DatabaseStore databases, ProjectLookup lookup, Clock clock, DestinationCheck destinations, AuditTrail audit) {
        this.audit = audit;
        this.destinations = destinations;
        this.databases = databases;
        this.lookup = lookup;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Replica> list(Caller caller, String databaseId) {
        return databases.replicas(lookup.database(caller, databaseId, Capability.READ_PROJECTS).id());
    }

    @Override
    @Transactional
    public Replica create(Caller caller, String databaseId, String host, Integer port, String sslMode) {
        Database database = lookup.database(caller, databaseId, Capability.MANAGE_PROJECTS);
        Replica replica = Replica.register(database.id(), host, port, sslMode, database.sslMode(), clock.instant());
        destinations.requireAllowed(replica.host(), replica.port());
        databases.saveReplica(replica);
        audit.record(caller, lookup.organizationOf(database), AuditTrail.Change.created("replica", replica.publicId(),
                "Replica " + replica.host() + ":" + replica.port() + " registered for database " + database.publicId(), ProxyAuditFields.of(replica)));
        return replica;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String databaseId, String replicaId) {
        Database database = lookup.database(caller, databaseId, Capability.MANAGE_PROJECTS);
        UUID id;
        try {
            id = TypeId.parse("rep", replicaId);
        } catch (IllegalArgumentException notOurs) {
            throw NotFoundException.of("Replica", replicaId);
        }
        Replica replica = databases.findReplica(database.id(), id).orElseThrow(() -> NotFoundException.of("Replica", replicaId));
        databases.deleteReplica(replica.id());
        audit.record(caller, lookup.organizationOf(database), AuditTrail.Change.deleted("replica", replica.publicId(),
                "Replica " + replica.host() + ":" + replica.port() + " removed from database " + database.publicId(), ProxyAuditFields.of(replica)));
    }
}
