package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.ObservedShape;
import dev.tollgate.tenancy.api.Caller;

/** PgBeam's cache rules (ADR 0061): a database's observed query shapes with their caching choice and recommendation. */
public interface ManageCacheRulesUseCase {
    Page<CacheRuleEntry> list(Caller caller, String projectId, String databaseId, PageRequest page);

    /** @throws dev.tollgate.platform.domain.NotFoundException when the shape was never observed */
    CacheRuleEntry update(Caller caller, String projectId, String databaseId, String queryHash, Boolean cacheEnabled, Integer ttlSeconds,
                          Integer swrSeconds);

    /**
     * @param cacheEnabled the rule's choice; false without one (caching is opt-in per shape)
     * @param recommendation great, good, fair or poor
     */
    record CacheRuleEntry(ObservedShape shape, boolean cacheEnabled, Integer ttlSeconds, Integer swrSeconds, String recommendation) {
    }
}
