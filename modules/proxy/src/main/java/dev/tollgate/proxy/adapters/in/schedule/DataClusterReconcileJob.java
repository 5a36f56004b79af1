package dev.tollgate.proxy.adapters.in.schedule;

import dev.tollgate.proxy.application.port.in.SettleDataClustersUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code tollgate.proxy.data-clusters.reconcile-interval} (10 s), the data clusters' work a request could not
 * finish (a cluster down, a template busy, a node stopped between commit and cluster call) is done again. Every node
 * may run it: the cluster calls are idempotent (ADR 0056).
 */
@Singleton
class DataClusterReconcileJob {
    private static final Logger LOG = LoggerFactory.getLogger(DataClusterReconcileJob.class);
    private final SettleDataClustersUseCase clusters;

    DataClusterReconcileJob(SettleDataClustersUseCase clusters) {
        this.clusters = clusters;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.data-clusters.reconcile-interval:10s}",
            fixedDelay = "${tollgate.proxy.data-clusters.reconcile-interval:10s}")
    void reconcile() {
        try {
            clusters.settleOwed();
        } catch (RuntimeException e) {
            LOG.warn("Could not settle the data clusters' owed work; the next run tries again", e);
        }
    }
}
