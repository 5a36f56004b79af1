package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.webhooks.api.spi.NotificationFeatures;
import dev.tollgate.webhooks.application.port.in.ManageNotificationRulesUseCase;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.application.port.out.NotificationRuleStore;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.NotificationRule;
import dev.tollgate.webhooks.domain.NotificationRule.Feature;
import dev.tollgate.webhooks.domain.NotificationRule.Threshold;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OpenMeter's notification rules (ADR 0049): a type, the namespace's live channels it sends to (at least one), and for
 * entitlement rules the features it is narrowed to (by id or key) and, for balance thresholds, 1–10 thresholds.
 */
@Singleton
class NotificationRules implements ManageNotificationRulesUseCase {
    static final Pattern FEATURE_ID_OR_KEY = Pattern.compile("^[a-z0-9]+(?:_[a-z0-9]+)*$|^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$");
    static final int MAX_CHANNELS = 50;
    static final int MAX_FEATURES = 100;
    private final NotificationRuleStore rules;
    private final EndpointStore endpoints;
    private final NotificationFeatures features;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    NotificationRules(NotificationRuleStore rules, EndpointStore endpoints, NotificationFeatures features, TenancyApi tenancy, Clock clock,
                      AuditTrail audit) {
        this.audit = audit;
        this.rules = rules;
        this.endpoints = endpoints;
        this.features = features;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<NotificationRule> list(Caller caller, ListQuery q, PageRequest page) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id();
        List<UUID> channels = new ArrayList<>();
        for (String channel : q.channels()) {
            channels.add(Ulid.parse(channel).orElseThrow(() -> new ValidationException("channel", "'" + channel + "' is not a ULID")));
        }
        for (String feature : q.features()) {
            if (!FEATURE_ID_OR_KEY.matcher(feature).matches()) {
                throw new ValidationException("feature", "'" + feature + "' is neither a feature id nor a key");
            }
        }
        return rules.search(namespace, new NotificationRuleStore.Search(q.includeDeleted(), q.includeDisabled(), q.features(), channels,
                q.orderBy(), q.descending()), page);
    }

    @Override
    @Transactional
    public NotificationRule create(Caller caller, RuleCommand c) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        Instant now = clock.instant();
        NotificationRule rule = save(new NotificationRule(TypeId.newUuid(), namespace, null, null, false, null, List.of(), List.of(), List.of(),
                now, now, null), c, true);
        audit.record(caller, namespace, AuditTrail.Change.created("notification_rule", Ulid.of(rule.id()), "Notification rule '" + rule.name()
                + "' (" + rule.type() + ") created", AuditSnapshots.of(rule)));
        return rule;
    }

    @Override
    @Transactional(readOnly = true)
    public NotificationRule get(Caller caller, String ruleId) {
        return find(tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id(), ruleId);
    }

    @Override
    @Transactional
    public NotificationRule update(Caller caller, String ruleId, RuleCommand c) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        NotificationRule before = live(namespace, ruleId);
        NotificationRule rule = save(before, c, false);
        java.util.Map<String, Object> was = AuditSnapshots.of(before);
        java.util.Map<String, Object> now = AuditSnapshots.of(rule);
        if (!was.equals(now)) {
            audit.record(caller, namespace, AuditTrail.Change.updated("notification_rule", Ulid.of(rule.id()), "Notification rule '" + rule.name()
                    + "' updated", was, now));
        }
        return rule;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String ruleId) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        NotificationRule rule = live(namespace, ruleId);
        rules.softDelete(namespace, rule.id(), clock.instant());
        audit.record(caller, namespace, AuditTrail.Change.deleted("notification_rule", Ulid.of(rule.id()), "Notification rule '" + rule.name()
                + "' deleted", AuditSnapshots.of(rule)));
    }

    NotificationRule live(UUID namespace, String ruleId) {
        NotificationRule rule = find(namespace, ruleId);
        if (rule.deletedAt() != null) {
            throw NotFoundException.of("Notification rule", ruleId);
        }
        return rule;
    }

    NotificationRule find(UUID namespace, String ruleId) {
        UUID id = Ulid.parse(ruleId).orElseThrow(() -> NotFoundException.of("Notification rule", ruleId));
        return rules.find(namespace, id).orElseThrow(() -> NotFoundException.of("Notification rule", ruleId));
    }

    private NotificationRule save(NotificationRule base, RuleCommand c, boolean create) {
        if (c.type() == null || !NotificationRule.TYPES.contains(c.type())) {
            throw new ValidationException("type", "must be one of " + String.join(", ", NotificationRule.TYPES));
        }
        if (c.name() == null || c.name().isEmpty() || c.name().length() > 256) {
            throw new ValidationException("name", "must be between 1 and 256 characters");
        }
        boolean entitlementRule = c.type().startsWith("entitlements.");
        List<Threshold> thresholds = c.type().equals(NotificationRule.BALANCE_THRESHOLD) ? thresholds(c.thresholds()) : List.of();
        List<Feature> scoped = entitlementRule ? features(base.namespace(), c.features()) : List.of();
        List<UUID> channels = channels(base.namespace(), c.channels());
        NotificationRule rule = new NotificationRule(base.id(), base.namespace(), c.type(), c.name(), Boolean.TRUE.equals(c.disabled()),
                c.metadata() == null ? null : new LinkedHashMap<>(c.metadata()), thresholds, scoped, channels, base.createdAt(),
                create ? base.updatedAt() : clock.instant(), null);
        if (create) {
            rules.create(rule);
        } else {
            rules.update(rule);
        }
        return rule;
    }

    private static List<Threshold> thresholds(List<ThresholdInput> given) {
        if (given == null || given.isEmpty() || given.size() > 10) {
            throw new ValidationException("thresholds", "must hold between 1 and 10 thresholds");
        }
        List<Threshold> thresholds = new ArrayList<>();
        Set<Threshold> seen = new LinkedHashSet<>();
        for (ThresholdInput t : given) {
            if (t == null || t.value() == null || t.value().isNaN() || t.value().isInfinite()) {
                throw new ValidationException("thresholds", "every threshold needs a finite value");
            }
            String type = Threshold.normalize(t.type());
            if (type == null) {
                throw new ValidationException("thresholds", "a threshold's type must be one of balance_value, usage_percentage, usage_value"
                        + " (or the deprecated PERCENT, NUMBER)");
            }
            if (t.value() < 0 || (!type.equals("balance_value") && t.value() == 0)) {
                throw new ValidationException("thresholds", "a usage threshold must be greater than 0, a balance threshold at least 0");
            }
            Threshold threshold = new Threshold(t.value(), type);
            if (seen.add(threshold)) {
                thresholds.add(threshold);
            }
        }
        return thresholds;
    }

    private List<Feature> features(UUID namespace, List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.isEmpty() || given.size() > MAX_FEATURES) {
            throw new ValidationException("features", "must name between 1 and " + MAX_FEATURES + " features when given");
        }
        Map<UUID, Feature> found = new LinkedHashMap<>();
        for (String idOrKey : given) {
            if (idOrKey == null || idOrKey.length() > 64 || !FEATURE_ID_OR_KEY.matcher(idOrKey).matches()) {
                throw new ValidationException("features", "'" + idOrKey + "' is neither a feature id nor a key");
            }
            NotificationFeatures.FeatureRef feature = features.find(namespace, idOrKey)
                    .orElseThrow(() -> new ValidationException("features", "feature '" + idOrKey + "' not found"));
            UUID id = Ulid.parse(feature.id()).orElseThrow();
            found.putIfAbsent(id, new Feature(id, feature.key()));
        }
        return List.copyOf(found.values());
    }

    private List<UUID> channels(UUID namespace, List<String> given) {
        if (given == null || given.isEmpty() || given.size() > MAX_CHANNELS) {
            throw new ValidationException("channels", "must name between 1 and " + MAX_CHANNELS + " channels");
        }
        Set<UUID> channels = new LinkedHashSet<>();
        for (String channelId : given) {
            UUID uuid = channelId == null ? null : Ulid.parse(channelId).orElse(null);
            Endpoint channel = uuid == null ? null : endpoints.find(namespace, Audience.OPENMETER, uuid).orElse(null);
            if (channel == null || channel.deletedAt() != null) {
                throw new ValidationException("channels", "notification channel '" + channelId + "' not found");
            }
            channels.add(uuid);
        }
        return List.copyOf(channels);
    }
}
