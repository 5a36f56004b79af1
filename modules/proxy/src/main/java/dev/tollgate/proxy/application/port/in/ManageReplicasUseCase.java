package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.Replica;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

public interface ManageReplicasUseCase {

    List<Replica> list(Caller caller, String databaseId);

    Replica create(Caller caller, String databaseId, String host, Integer port, String sslMode);

    void delete(Caller caller, String databaseId, String replicaId);
}
