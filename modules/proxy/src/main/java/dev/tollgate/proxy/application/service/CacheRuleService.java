package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.in.ManageCacheRulesUseCase;
import dev.tollgate.proxy.application.port.out.CacheRuleStore;
import dev.tollgate.proxy.application.port.out.QueryShapeStore;
import dev.tollgate.proxy.domain.CacheRule;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.ObservedShape;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Cache rules (ADR 0061) list the shapes observed in the last week (the insights' retention) of the database's
 * project, with the rule chosen for each. Caching is opt-in per shape: a shape without a rule is not cached, and the
 * database's cache_config is the master switch (off: nothing is cached) and the default TTL and SWR.
 */
@Singleton
class CacheRuleService implements ManageCacheRulesUseCase {
    static final Duration OBSERVED = Duration.ofDays(7);

    private final ProjectLookup lookup;
    private final QueryShapeStore shapes;
    private final CacheRuleStore rules;
    private final Clock clock;

    private final AuditTrail audit;

    CacheRuleService(ProjectLookup lookup, QueryShapeStore shapes, CacheRuleStore rules, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.lookup = lookup;
        this.shapes = shapes;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<CacheRuleEntry> list(Caller caller, String projectId, String databaseId, PageRequest page) {
        Project project = lookup.project(caller, projectId, Capability.READ_PROJECTS);
        Database database = lookup.database(caller, project, databaseId);
        Instant since = clock.instant().minus(OBSERVED);
        Page<ObservedShape> observed = shapes.observed(project.id(), since, null, page);
        Map<String, CacheRule> chosen = rules.rules(database.id(), observed.items().stream().map(ObservedShape::hash).toList());
        return observed.map(shape -> entry(shape, chosen.get(shape.hash()), database));
    }

    @Override
    @Transactional
    public CacheRuleEntry update(Caller caller, String projectId, String databaseId, String queryHash, Boolean cacheEnabled,
                                 Integer ttlSeconds, Integer swrSeconds) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        Database database = lookup.database(caller, project, databaseId);
        if (!CacheRule.validHash(queryHash)) {
            throw new dev.tollgate.platform.domain.ValidationException("query_hash", "must be 16 lowercase hexadecimal characters");
        }
        ObservedShape shape = shapes.observed(project.id(), clock.instant().minus(OBSERVED), queryHash, new PageRequest(0, 1)).items()
                .stream().findFirst().orElseThrow(() -> NotFoundException.of("Query shape", queryHash));
        CacheRule rule = CacheRule.of(database.id(), queryHash, cacheEnabled, ttlSeconds, swrSeconds, clock.instant());
        rules.save(rule);
        audit.record(caller, project.organizationId(), new AuditTrail.Change("cache_rule", database.publicId() + "/" + queryHash,
                "cache_rule.updated", "Cache rule of query " + queryHash + " on database " + database.publicId()
                        + (rule.cacheEnabled() ? " enabled" : " disabled"), null, ProxyAuditFields.of(rule)));
        return entry(shape, rule, database);
    }

    private CacheRuleEntry entry(ObservedShape shape, CacheRule rule, Database database) {
        double days = Math.max(1.0 / 24, Duration.between(shape.firstSeen(), clock.instant()).toMinutes() / 1440.0);
        String recommendation = shape.recommendation(Math.min(days, OBSERVED.toDays()));
        if (rule == null) {
            return new CacheRuleEntry(shape, false, null, null, recommendation); // opt-in per shape
        }
        return new CacheRuleEntry(shape, rule.cacheEnabled(), rule.ttlSeconds(), rule.swrSeconds(), recommendation);
    }
}
