package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.BalanceHistory;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * OpenMeter's entitlements in the caller's namespace, for a customer named by ULID or key (v2) or by a subject it
 * owns (v1). {@code idOrFeatureKey} is an entitlement's ULID or the key of the feature of its live entitlement.
 */
public interface ManageEntitlementsUseCase {
    /** {@code v2} selects the v2 input (issue, grants; grants roll over by default). */
    EntitlementState create(Caller caller, CustomerRef customer, Map<String, Object> document, boolean v2);

    Page<EntitlementState> listOfCustomer(Caller caller, CustomerRef customer, boolean includeDeleted, PageRequest page, String orderBy,
                                          boolean descending);

    /** Every entitlement of the namespace, filtered; customers in the filter may be given by key. */
    Page<EntitlementState> list(Caller caller, EntitlementFilter filter, List<String> customerKeys, List<String> subjects, PageRequest page);

    EntitlementState get(Caller caller, CustomerRef customer, String idOrFeatureKey);

    EntitlementState getById(Caller caller, String entitlementId);

    void delete(Caller caller, CustomerRef customer, String idOrFeatureKey);

    /** Replaces the live entitlement with a new one made from {@code document}. */
    EntitlementState override(Caller caller, CustomerRef customer, String idOrFeatureKey, Map<String, Object> document, boolean v2);

    void reset(Caller caller, CustomerRef customer, String idOrFeatureKey, Map<String, Object> document);

    /** The value at {@code time} (now when null); a feature without entitlement answers no access unless {@code strict}. */
    EntitlementValue value(Caller caller, CustomerRef customer, String idOrFeatureKey, Instant time, boolean strict);

    BalanceHistory history(Caller caller, CustomerRef customer, String idOrFeatureKey, Instant from, Instant to, ChronoUnit window, ZoneId zone);

    /** Feature key → value, for every entitlement of the customer active now. */
    Map<String, EntitlementValue> access(Caller caller, CustomerRef customer);
}
