package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.application.port.in.PurgeAuditLogUseCase;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.application.port.out.AuditRetention;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Deletes in batches of {@link #BATCH}, each its own short transaction (a purge never holds a large lock), tier by tier,
 * then what no named tier covers. Idempotent: several nodes may run it at once.
 */
@Singleton
class AuditRetentionPurge implements PurgeAuditLogUseCase {
    static final int BATCH = 10_000;
    private final AuditLog log;
    private final AuditRetention retention;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    AuditRetentionPurge(AuditLog log, AuditRetention retention, TransactionOperations<Connection> transactions, Clock clock) {
        this.log = log;
        this.retention = retention;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public long purgeExpired() {
        Instant now = clock.instant();
        Map<String, Duration> tiers = retention.perTier();
        long purged = 0;
        for (Map.Entry<String, Duration> tier : tiers.entrySet()) {
            purged += drain(tier.getKey(), Set.of(), now.minus(tier.getValue()));
        }
        return purged + drain(null, tiers.keySet(), now.minus(retention.fallback()));
    }

    private long drain(String tier, Set<String> otherTiers, Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> log.purge(tier, otherTiers, before, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
