package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.ApiKey;
import java.util.List;

/** API keys of an organization; the plaintext of a key is returned once, by {@link #create}. */
public interface ManageApiKeysUseCase {

    ApiKey.Issued create(Caller caller, String organizationIdOrSlug, String name, List<String> scopes);

    List<ApiKey> list(Caller caller, String organizationIdOrSlug);

    /** Effective at once: the next request with this key is unauthenticated. */
    void revoke(Caller caller, String organizationIdOrSlug, String keyId);
}
