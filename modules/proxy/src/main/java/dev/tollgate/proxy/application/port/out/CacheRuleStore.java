package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.CacheRule;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Cache rules of databases (ADR 0061). */
public interface CacheRuleStore {
    void save(CacheRule rule);

    /** The database's rules for these shapes, by query hash. */
    Map<String, CacheRule> rules(UUID databaseId, Collection<String> hashes);

    /** All of the database's rules, by query hash: what the data plane consults. */
    Map<String, CacheRule> rules(UUID databaseId);
}
