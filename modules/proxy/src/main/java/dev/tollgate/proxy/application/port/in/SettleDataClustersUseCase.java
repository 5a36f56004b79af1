package dev.tollgate.proxy.application.port.in;

/** Does the data clusters' work still owed (branches to create or drop, roles to create, renew or drop; ADR 0056). */
public interface SettleDataClustersUseCase {
    void settleOwed();
}
