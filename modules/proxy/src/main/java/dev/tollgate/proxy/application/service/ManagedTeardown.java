package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Marks a managed database's rows deleted (in the caller's transaction); the cluster's drops follow the commit. */
@Singleton
class ManagedTeardown {
    private final ManagedDatabaseStore databases;
    private final BranchStore branches;
    private final BranchLoginStore logins;

    ManagedTeardown(ManagedDatabaseStore databases, BranchStore branches, BranchLoginStore logins) {
        this.databases = databases;
        this.branches = branches;
        this.logins = logins;
    }

    /** What was marked deleted, for the caller to drop from the cluster once committed. */
    record Removed(List<Branch> branches, List<BranchLogin> logins) {
        static final Removed NOTHING = new Removed(List.of(), List.of());
    }

    Removed remove(UUID projectId, Instant now) {
        var database = databases.findByProject(projectId);
        if (database.isEmpty()) {
            return Removed.NOTHING;
        }
        database.get().delete(now);
        databases.save(database.get());
        List<Branch> removedBranches = new ArrayList<>();
        List<BranchLogin> removedLogins = new ArrayList<>();
        for (Branch branch : branches.live(projectId)) {
            removedLogins.addAll(removeLogins(branch, now));
            Branch deleted = branch.deleted(now);
            branches.save(deleted);
            removedBranches.add(deleted);
        }
        return new Removed(removedBranches, removedLogins);
    }

    /** The branch's credentials, marked deleted. */
    List<BranchLogin> removeLogins(Branch branch, Instant now) {
        List<BranchLogin> removed = new ArrayList<>();
        for (BranchLogin login : logins.live(branch.id())) {
            BranchLogin deleted = login.deleted(now);
            logins.save(deleted);
            removed.add(deleted);
        }
        return removed;
    }
}
