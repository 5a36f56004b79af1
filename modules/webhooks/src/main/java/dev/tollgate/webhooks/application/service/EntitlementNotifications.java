package dev.tollgate.webhooks.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.webhooks.api.spi.EntitlementBalances;
import dev.tollgate.webhooks.api.spi.EntitlementBalances.Balance;
import dev.tollgate.webhooks.application.port.in.NotifyEntitlementsUseCase;
import dev.tollgate.webhooks.application.port.out.NotificationRuleStore;
import dev.tollgate.webhooks.domain.BalanceThresholds;
import dev.tollgate.webhooks.domain.NotificationRule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Raises OpenMeter's entitlement notifications (ADR 0051) through {@link NotificationEvents#raise}, each under a
 * dedupe key that makes it once-only whatever the number of nodes, watches and retries:
 * <ul>
 *   <li>{@code entitlements.reset}: the rule, the entitlement and the start of the usage period the reset began. A
 *   reset by hand arrives as an event; a period's scheduled end is seen by the watch as a new period.</li>
 *   <li>{@code entitlements.balance.threshold}: the digest's hash of rule, usage period, subject, entitlement, feature,
 *   measureUsageFrom and kind, plus the crossed threshold, so each escalation fires once per usage period and a reset
 *   starts the cycle again.</li>
 * </ul>
 * Keys seen to exist already are remembered for a while, so a watch over entitlements long past their thresholds
 * costs no write.
 */
@Singleton
class EntitlementNotifications implements NotifyEntitlementsUseCase {
    private static final List<String> WATCHED = List.of(NotificationRule.BALANCE_THRESHOLD, NotificationRule.ENTITLEMENT_RESET);
    private final NotificationRuleStore rules;
    private final EntitlementBalances balances;
    private final NotificationEvents events;
    private final Clock clock;
    private final Cache<String, Boolean> raised = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(6)).build();

    EntitlementNotifications(NotificationRuleStore rules, EntitlementBalances balances, NotificationEvents events, Clock clock) {
        this.rules = rules;
        this.balances = balances;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void resetByHand(UUID namespace, UUID entitlementId, UUID featureId, Instant at, Instant occurredAt) {
        for (NotificationRule rule : rules.active(namespace, NotificationRule.ENTITLEMENT_RESET)) {
            // A rule hears of resets made after it (the consumer replays the outbox's history when it first starts).
            if (rule.appliesToFeature(featureId) && !occurredAt.isBefore(rule.createdAt())) {
                raise(rule, entitlementId, featureId, null, resetKey(rule, entitlementId, at), Map.of());
            }
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> watchedNamespaces() {
        return rules.namespacesWithActive(WATCHED);
    }

    @Override
    @Transactional
    public int watch(UUID namespace, Instant since) {
        List<NotificationRule> thresholdRules = rules.active(namespace, NotificationRule.BALANCE_THRESHOLD);
        List<NotificationRule> resetRules = rules.active(namespace, NotificationRule.ENTITLEMENT_RESET);
        Set<UUID> features = new HashSet<>();
        for (NotificationRule rule : concat(thresholdRules, resetRules)) {
            if (rule.features().isEmpty()) {
                features.clear();
                break; // a rule about every feature: value them all
            }
            rule.features().forEach(f -> features.add(f.id()));
        }
        if (thresholdRules.isEmpty() && resetRules.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (Balance b : balances.balances(namespace, features, clock.instant())) {
            for (NotificationRule rule : resetRules) {
                // A period that began since the last look (and after the rule was made) began with a scheduled reset.
                if (rule.appliesToFeature(b.featureId()) && !b.firstPeriod() && b.periodFrom().isAfter(since)
                        && b.periodFrom().isAfter(rule.createdAt())) {
                    count += raise(rule, b.entitlementId(), b.featureId(), b.subjectKey(), resetKey(rule, b.entitlementId(), b.periodFrom()),
                            Map.of()) ? 1 : 0;
                }
            }
            for (NotificationRule rule : thresholdRules) {
                if (!rule.appliesToFeature(b.featureId())) {
                    continue;
                }
                for (BalanceThresholds.Crossed crossed : BalanceThresholds.crossed(rule.thresholds(), b.balance(), b.usage(), b.overage())) {
                    Map<String, Object> threshold = new LinkedHashMap<>();
                    threshold.put("value", crossed.threshold().value());
                    threshold.put("type", crossed.threshold().type());
                    count += raise(rule, b.entitlementId(), b.featureId(), b.subjectKey(), thresholdKey(rule, b, crossed),
                            Map.of("threshold", threshold)) ? 1 : 0;
                }
            }
        }
        return count;
    }

    /** Raises unless the key is known to exist; the event's data is the entitlement's documents now, plus {@code extra}. */
    private boolean raise(NotificationRule rule, UUID entitlementId, UUID featureId, String subjectKey, String key, Map<String, Object> extra) {
        if (raised.getIfPresent(key) != null) {
            return false;
        }
        Optional<Map<String, Object>> documents = balances.notificationData(rule.namespace(), entitlementId, clock.instant());
        if (documents.isEmpty()) {
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>(documents.get());
        data.putAll(extra);
        String subject = subjectKey != null ? subjectKey : subjectOf(data);
        String featureKey = rule.features().stream().filter(f -> f.id().equals(featureId)).map(NotificationRule.Feature::key).findFirst()
                .orElse(featureKeyOf(data));
        boolean fresh = events.raise(rule, data, featureId, featureKey, subject, key).isPresent();
        if (!fresh) {
            raised.put(key, Boolean.TRUE); // stored by an earlier look (or another node): durable, no need to try again
        }
        return fresh;
    }

    private static String resetKey(NotificationRule rule, UUID entitlementId, Instant periodFrom) {
        return "entitlements.reset:" + rule.id() + ":" + entitlementId + ":" + periodFrom.toEpochMilli();
    }

    private static String thresholdKey(NotificationRule rule, Balance b, BalanceThresholds.Crossed crossed) {
        String hash = Sha256.hex(String.join("\n", rule.id().toString(), rule.namespace().toString(), b.periodFrom().toString(),
                String.valueOf(b.periodTo()), String.valueOf(b.subjectKey()), b.entitlementId().toString(), b.featureId().toString(),
                String.valueOf(b.measureUsageFrom()), crossed.kind().name()));
        return "entitlements.balance.threshold:" + hash + ":" + crossed.threshold().type() + ":" + crossed.threshold().value();
    }

    private static String subjectOf(Map<String, Object> data) {
        return data.get("entitlement") instanceof Map<?, ?> e && e.get("subjectKey") instanceof String s ? s : null;
    }

    private static String featureKeyOf(Map<String, Object> data) {
        return data.get("entitlement") instanceof Map<?, ?> e && e.get("featureKey") instanceof String s ? s : null;
    }

    private static List<NotificationRule> concat(List<NotificationRule> a, List<NotificationRule> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
