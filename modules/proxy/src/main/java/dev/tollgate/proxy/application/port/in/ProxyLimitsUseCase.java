package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.OrganizationQuota;
import java.util.UUID;

/** The data plane's in-memory copy of each organization's tier limits. */
public interface ProxyLimitsUseCase {
    /** The organization's quota; loaded on first use (a database read: call it off the event loops). */
    OrganizationQuota quotaOf(UUID organizationId);

    /** Reloads the limits of an organization whose tier changed; its count of queries today is kept. */
    void refresh(String organizationPublicId);

    /**
     * Reloads every organization held: limits changed on another node, and the queries other nodes admitted today
     * (from metering). Run periodically; a change made on this node is in force at once through {@link #refresh}.
     */
    void refreshAll();
}
