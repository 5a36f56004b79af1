package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.SchemaLint;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** PlanetScale's schema lint of a managed database's branch (ADR 0071), from the branch's own catalog. */
public interface LintBranchSchemaUseCase {
    /** The findings, sorted; empty for a clean schema and for a branch whose database is not made yet. */
    List<SchemaLint.Finding> lint(Caller caller, String organization, String database, String branch);
}
