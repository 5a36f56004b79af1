package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.tenancy.api.Caller;

/** Branches of a managed database (ADR 0056): each a PostgreSQL database of its own on the data cluster. */
public interface ManageBranchesUseCase {
    Page<BranchView> list(Caller caller, String organization, String database, PageRequest page);

    /** A development branch copied from its parent's schema (and rows, when {@code seedData} asks and the database allows it). */
    BranchView create(Caller caller, String organization, String database, CreateBranchCommand command);

    BranchView get(Caller caller, String organization, String database, String branch);

    BranchView resize(Caller caller, String organization, String database, String branch, String clusterSize);

    /** Production branches cannot be deleted. */
    void delete(Caller caller, String organization, String database, String branch);

    record BranchView(Branch branch, Region region) {
    }

    record CreateBranchCommand(String name, String parentBranch, String backupId, String seedData, String clusterSize, String region) {
    }
}
