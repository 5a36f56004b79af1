package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.application.port.in.ManageCacheRulesUseCase;
import dev.tollgate.proxy.application.port.in.ManageCacheRulesUseCase.CacheRuleEntry;
import dev.tollgate.proxy.domain.ObservedShape;
import dev.tollgate.proxy.domain.StatementKind;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** PgBeam's cache rules (ADR 0061): the database's observed query shapes, each with its caching choice. */
@Controller("/v1/projects/{project_id}/databases/{database_id}/cache-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: cache rules")
final class CacheRulesController {
    private final ManageCacheRulesUseCase rules;

    CacheRulesController(ManageCacheRulesUseCase rules) {
        this.rules = rules;
    }

    @Serdeable
    record UpdateRequest(@Nullable Boolean cache_enabled, @Nullable Integer cache_ttl_seconds, @Nullable Integer cache_swr_seconds) {
    }

    @Serdeable
    record Entry(String query_hash, String normalized_sql, String query_type, boolean cache_enabled,
                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) @Nullable Integer cache_ttl_seconds,
                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) @Nullable Integer cache_swr_seconds,
                 long call_count, double avg_latency_ms, double p95_latency_ms, long avg_response_bytes, double stability_rate,
                 String recommendation, Instant first_seen_at, Instant last_seen_at) {
        static Entry of(CacheRuleEntry e) {
            ObservedShape s = e.shape();
            String type = s.kind() == StatementKind.READ ? "read" : s.kind() == StatementKind.WRITE ? "write" : "other";
            return new Entry(s.hash(), s.pattern(), type, e.cacheEnabled(), e.ttlSeconds(), e.swrSeconds(), s.calls(), round(s.avgMs()),
                    round(s.p95Ms()), s.avgBytes(), round(s.stability()), e.recommendation(), s.firstSeen(), s.lastSeen());
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    @Serdeable
    record ListResponse(List<Entry> entries, @Nullable String next_page_token) {
    }

    @Serdeable
    record UpdateResponse(Entry entry) {
    }

    @Get
    @Operation(operationId = "ListCacheRules", summary = "List cache rules")
    ListResponse list(Caller caller, String project_id, String database_id, @Nullable @QueryValue("page_token") String pageToken,
                      @Nullable @QueryValue("page_size") Integer pageSize) {
        Page<CacheRuleEntry> page = rules.list(caller, project_id, database_id, Paging.pgbeam(pageToken, pageSize));
        return new ListResponse(page.items().stream().map(Entry::of).toList(), Paging.nextPageToken(page));
    }

    @Put("/{query_hash}")
    @Operation(operationId = "UpdateCacheRule", summary = "Update cache rule")
    UpdateResponse update(Caller caller, String project_id, String database_id, String query_hash, @Nullable @Body UpdateRequest body) {
        UpdateRequest b = body == null ? new UpdateRequest(null, null, null) : body;
        return new UpdateResponse(Entry.of(rules.update(caller, project_id, database_id, query_hash, b.cache_enabled(), b.cache_ttl_seconds(),
                b.cache_swr_seconds())));
    }
}
