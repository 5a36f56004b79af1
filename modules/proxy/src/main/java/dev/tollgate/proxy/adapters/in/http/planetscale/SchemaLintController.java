package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.application.port.in.LintBranchSchemaUseCase;
import dev.tollgate.proxy.domain.SchemaLint;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PlanetScale's schema lint of a branch (ADR 0071), from the branch database's own catalog. */
@Controller("/v1/organizations/{organization}/databases/{database}/branches/{branch}/schema-lint")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: branches")
final class SchemaLintController {
    private final LintBranchSchemaUseCase lint;

    SchemaLintController(LintBranchSchemaUseCase lint) {
        this.lint = lint;
    }

    /**
     * The document's SchemaLintError. It marks nothing nullable, so a finding about no single column (a table, an index
     * over an expression) leaves {@code column_name} out, as PlanetScaleViews does with absent values.
     */
    @Serdeable
    record SchemaLintErrorResponse(String lint_error, String subject_type, String table_name, @Nullable String column_name,
                                   String error_description, String docs_url) {
        static SchemaLintErrorResponse of(SchemaLint.Finding f) {
            return new SchemaLintErrorResponse(f.rule().code(), f.subject().wire(), f.table(), f.column(), f.description(),
                    f.rule().docsUrl());
        }
    }

    @Get
    @Operation(operationId = "lintBranchSchema", summary = "Lint a branch schema")
    DataList<SchemaLintErrorResponse> lint(Caller caller, String organization, String database, String branch) {
        return new DataList<>(lint.lint(caller, organization, database, branch).stream().map(SchemaLintErrorResponse::of).toList());
    }
}
