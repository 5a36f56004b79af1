package dev.tollgate.catalog.domain;

import java.math.BigDecimal;

/**
 * A cluster size SKU (ADR 0055): the share of a data cluster a managed database's branch may use. On a shared data
 * cluster the vCPUs, memory and storage are what the size promises; Tollgate enforces the connections a client may
 * open ({@code maxConnections}) and the server connections its pools hold ({@code poolSize}).
 */
public record ClusterSize(String slug, String displayName, BigDecimal vcpus, BigDecimal memoryGb, BigDecimal storageGb, String engine,
                          int maxConnections, int poolSize) {
}
