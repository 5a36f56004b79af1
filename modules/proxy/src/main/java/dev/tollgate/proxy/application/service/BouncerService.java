package dev.tollgate.proxy.application.service;

import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.proxy.application.port.in.ManageBouncersUseCase;
import dev.tollgate.proxy.application.port.out.BouncerStore;
import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Bouncers (ADR 0056). A bouncer is configuration of the proxy, not of the data cluster: it is ready as soon as it is
 * saved, and the proxy opens its pool at the first client that names it.
 */
@Singleton
class BouncerService implements ManageBouncersUseCase {
    /** PlanetScale documents no limit; a handful per branch is what separate workloads need. */
    static final int MAX_PER_BRANCH = 10;

    private final ManagedLookup lookup;
    private final BouncerStore bouncers;
    private final Clock clock;

    private final AuditTrail audit;

    BouncerService(ManagedLookup lookup, BouncerStore bouncers, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.lookup = lookup;
        this.bouncers = bouncers;
        this.clock = clock;
    }

    private Branch branch(Caller caller, String organization, String database, String branch, Capability capability) {
        return lookup.branch(lookup.database(caller, organization, database, capability), branch);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Bouncer> list(Caller caller, String organization, String database, String branch) {
        return bouncers.list(branch(caller, organization, database, branch, Capability.READ_PROJECTS).id());
    }

    @Override
    @Transactional
    public Bouncer create(Caller caller, String organization, String database, String branch, String name, Integer poolSize,
                          String poolMode) {
        ManagedLookup.Target managed = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
        Branch target = lookup.branch(managed, branch);
        ClusterSizeInfo size = lookup.size("cluster_size", target.clusterSize(), null);
        Bouncer bouncer = Bouncer.create(target.id(), name, poolSize, size.poolSize(), size.maxConnections(), poolMode, clock.instant());
        if (bouncers.find(target.id(), bouncer.name()).isPresent()) {
            throw new ConflictException("bouncer_exists", "the branch already has a bouncer named \"" + bouncer.name() + "\"");
        }
        if (bouncers.list(target.id()).size() >= MAX_PER_BRANCH) {
            throw new ConflictException("bouncer_limit", "a branch can have up to " + MAX_PER_BRANCH + " bouncers");
        }
        bouncers.save(bouncer);
        audit.record(caller, managed.project().organizationId(), AuditTrail.Change.created("bouncer", bouncer.publicId(),
                "Bouncer '" + bouncer.name() + "' created on branch " + branch + " of database " + database, ProxyAuditFields.of(bouncer)));
        return bouncer;
    }

    @Override
    @Transactional(readOnly = true)
    public Bouncer get(Caller caller, String organization, String database, String branch, String bouncer) {
        Branch target = branch(caller, organization, database, branch, Capability.READ_PROJECTS);
        return bouncers.find(target.id(), bouncer).orElseThrow(() -> NotFoundException.of("Bouncer", bouncer));
    }

    @Override
    @Transactional
    public void delete(Caller caller, String organization, String database, String branch, String bouncer) {
        ManagedLookup.Target managed = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
        Branch target = lookup.branch(managed, branch);
        Bouncer found = bouncers.find(target.id(), bouncer).orElseThrow(() -> NotFoundException.of("Bouncer", bouncer));
        bouncers.save(found.deleted(clock.instant()));
        audit.record(caller, managed.project().organizationId(), AuditTrail.Change.deleted("bouncer", found.publicId(),
                "Bouncer '" + found.name() + "' deleted from branch " + branch + " of database " + database, ProxyAuditFields.of(found)));
    }
}
