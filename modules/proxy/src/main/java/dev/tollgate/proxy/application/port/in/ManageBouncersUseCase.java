package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** Bouncers of a managed branch (ADR 0056): named pools clients choose in their connection. */
public interface ManageBouncersUseCase {
    List<Bouncer> list(Caller caller, String organization, String database, String branch);

    /** @param poolSize null: the branch's cluster size's pool size; @param poolMode null: transaction */
    Bouncer create(Caller caller, String organization, String database, String branch, String name, Integer poolSize, String poolMode);

    Bouncer get(Caller caller, String organization, String database, String branch, String bouncer);

    void delete(Caller caller, String organization, String database, String branch, String bouncer);
}
