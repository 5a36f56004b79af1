package dev.tollgate.proxy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;

/**
 * PlanetScale's query-patterns report and schema recommendations of a managed database (ADR 0060), from its query
 * insights (ADR 0057) and the plans of its hottest reads on its production branch.
 */
public interface SchemaAdviceUseCase {
    QueryPatternsReport queryPatternsReport(Caller caller, String organization, String database, String branch);

    List<SchemaRecommendation> schemaRecommendations(Caller caller, String organization, String database);

    /** @param completedAt null until there is something to report */
    record QueryPatternsReport(String id, String state, Instant createdAt, Instant completedAt) {
    }

    record SchemaRecommendation(String id, String type, String tableName, String description, String severity, boolean dismissed,
                                Instant createdAt) {
    }
}
