package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import java.util.List;

public interface ManageServiceTokensUseCase {

    List<ServiceToken> list(Caller caller, String organizationSlug);

    ServiceToken.Issued create(Caller caller, String organizationSlug, String name);

    ServiceToken get(Caller caller, String organizationSlug, String tokenId);

    /** Revokes at once: the next request with this token is unauthenticated. */
    void delete(Caller caller, String organizationSlug, String tokenId);

    List<ServiceTokenAccess> accesses(Caller caller, String organizationSlug, String tokenId);

    ServiceTokenAccess grant(Caller caller, String organizationSlug, String tokenId, String access, String database);
}
