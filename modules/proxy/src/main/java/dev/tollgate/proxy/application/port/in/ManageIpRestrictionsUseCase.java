package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.AllowedNetwork;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/**
 * PlanetScale's IP restrictions (postgres-cidrs, ADR 0056): a managed database's allowed client networks, the same list
 * as its project's {@code allowed_cidrs}. With none, every address may connect; with some, only those.
 */
public interface ManageIpRestrictionsUseCase {
    List<AllowedNetwork> list(Caller caller, String organization, String database);

    /** Allows one more network; live connections from outside the new list are dropped. */
    AllowedNetwork create(Caller caller, String organization, String database, String cidr, String description);
}
