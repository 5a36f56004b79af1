package dev.tollgate.proxy.adapters.in.pgwire.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.time.ClockTimeMeter;
import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import dev.tollgate.proxy.domain.OrganizationQuota;
import dev.tollgate.proxy.domain.OrganizationQuota.Refusal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The tier limits the proxy enforces on every query, from memory: each project's queries per second (a Bucket4j token
 * bucket holding {@code burst} tokens, refilled at {@code queries_per_second} on the application clock) and its
 * organization's queries per day. A bucket is rebuilt when its project's limits change. The buckets are kept in a
 * bounded Caffeine cache, so a project that stops querying is forgotten: a bucket idle that long would be full again.
 */
@Singleton
public final class QueryLimits {
    private record ProjectBucket(int perSecond, int burst, Bucket bucket) {
    }

    private final Cache<UUID, ProjectBucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final ProxyLimitsUseCase limits;
    private final Clock clock;
    private final TimeMeter time;

    QueryLimits(ProxyLimitsUseCase limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.time = new ClockTimeMeter(clock);
    }

    /** The organization's quota, loaded on first use: call off the event loops. */
    public OrganizationQuota quotaOf(UUID organizationId) {
        return limits.quotaOf(organizationId);
    }

    /** The check one client runs before each query it sends. */
    public Admission admission(OrganizationQuota quota, UUID projectId) {
        return new Admission() {
            @Override
            public Refusal check() {
                return checkQuery(quota, projectId);
            }

            @Override
            public int maxQueryShapes() {
                return quota.limits().maxQueryShapes();
            }
        };
    }

    private Refusal checkQuery(OrganizationQuota quota, UUID projectId) {
        OrganizationQuota.Limits l = quota.limits();
        if (l.queriesPerSecond() > 0) {
            Bucket bucket = bucket(projectId, l.queriesPerSecond(), Math.max(l.burst(), l.queriesPerSecond()));
            if (!bucket.tryConsume(1)) {
                long waitMs = Math.max(1, Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()).toMillis());
                return new Refusal("53400", "rate limit exceeded: the " + l.tier() + " plan allows " + l.queriesPerSecond()
                        + " queries per second per project (burst " + Math.max(l.burst(), l.queriesPerSecond()) + "); retry in "
                        + waitMs + " ms");
            }
        }
        return quota.takeQuery(clock.instant());
    }

    private Bucket bucket(UUID projectId, int perSecond, int burst) {
        ProjectBucket known = buckets.getIfPresent(projectId);
        if (known != null && known.perSecond() == perSecond && known.burst() == burst) {
            return known.bucket();
        }
        // compute: concurrent first queries of a project share one bucket instead of each starting with a full one
        return buckets.asMap().compute(projectId, (id, current) -> current != null && current.perSecond() == perSecond && current.burst() == burst
                ? current
                : new ProjectBucket(perSecond, burst, Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                        .withCustomTimePrecision(time).build()))
                .bucket();
    }

    /** Whether the next query may run: null to run it, or why not. */
    @FunctionalInterface
    public interface Admission {
        Refusal check();

        /** How many query shapes the project's insights track (the tier's {@code max_query_shapes}; 0 = no tier bound). */
        default int maxQueryShapes() {
            return 0;
        }

        Admission OPEN = () -> null;
    }
}
