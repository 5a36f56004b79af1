package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/**
 * php-tenant's cross-app routes: what a person's workspace may use, by feature key, and the usage other
 * applications record against it. The person is named by email: a partner's API key may ask about anyone (in their
 * current workspace); any other key only about members of its own organization, and then about that organization.
 * Someone the caller may not ask about is not found, exactly like someone who does not exist.
 */
public interface CheckEntitlementsUseCase {
    /** Needs {@code entitlements.read}; {@code quantity} is what the caller is about to use (at least 1). */
    Checked check(Caller caller, String email, String featureKey, String quantity);

    /**
     * Needs {@code usage.write}. Records {@code quantity} units of the metered feature's usage, unless that would pass a
     * hard limit: recordings of one feature take turns, so concurrent callers cannot pass it together either.
     */
    Recorded recordUsage(Caller caller, Map<String, Object> body);

    record Checked(Workspace workspace, String featureKey, FeatureAllowance allowance, boolean allowed) {
    }

    record Recorded(long id, String featureKey, long quantity) {
    }
}
