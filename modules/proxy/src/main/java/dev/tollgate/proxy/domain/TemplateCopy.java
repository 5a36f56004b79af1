package dev.tollgate.proxy.domain;

/**
 * A managed database is about to be copied as a template ({@code starting}), or its copy is over (ADR 0056). PostgreSQL
 * copies only a database nobody is connected to: the data plane pauses its pools of it meanwhile (clients wait in line,
 * idle connections close) and serves them again after.
 */
public record TemplateCopy(String dataCluster, String database, boolean starting) {
}
