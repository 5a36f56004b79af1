package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Grants of metered entitlements in the caller's namespace. */
public interface ManageGrantsUseCase {
    Grant create(Caller caller, CustomerRef customer, String idOrFeatureKey, Map<String, Object> document, boolean v2);

    Page<Grant> listOfEntitlement(Caller caller, CustomerRef customer, String idOrFeatureKey, boolean includeDeleted, PageRequest page,
                                  String orderBy, boolean descending);

    /** Every grant of the namespace; customers may be given by ULID or key, v1 subjects by subject key. */
    Page<Grant> list(Caller caller, GrantFilter filter, List<String> customers, List<String> subjects, PageRequest page);

    /** Ends the grant at {@code at} (now when null): usage it already covered stays covered. */
    void voidGrant(Caller caller, String grantId, Instant at);
}
