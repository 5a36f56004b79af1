package dev.tollgate.webhooks.adapters.in.http.openmeter;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.webhooks.domain.NotificationRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** OpenMeter's notification shapes shared by the rule and event routes. */
final class NotificationViews {
    private NotificationViews() {
    }

    @Serdeable
    record ChannelMeta(String id, String type) {
        static ChannelMeta of(java.util.UUID id) {
            return new ChannelMeta(Ulid.of(id), "WEBHOOK");
        }
    }

    @Serdeable
    record FeatureMeta(String id, String key) {
    }

    @Serdeable
    record ThresholdView(double value, String type) {
    }

    /** NotificationRule: one record for the four types; thresholds and features only where the type has them. */
    @Serdeable
    record RuleView(String createdAt, String updatedAt, @Nullable String deletedAt, String id, String type, String name, boolean disabled,
                    List<ChannelMeta> channels, @Nullable Map<String, String> metadata, @Nullable List<ThresholdView> thresholds,
                    @Nullable List<FeatureMeta> features) {
        static RuleView of(NotificationRule r) {
            List<ThresholdView> thresholds = r.type().equals(NotificationRule.BALANCE_THRESHOLD)
                    ? r.thresholds().stream().map(t -> new ThresholdView(t.value(), t.type())).toList() : null;
            List<FeatureMeta> features = r.features().isEmpty() ? null
                    : r.features().stream().map(f -> new FeatureMeta(Ulid.of(f.id()), f.key())).toList();
            return new RuleView(r.createdAt().toString(), r.updatedAt().toString(), r.deletedAt() == null ? null : r.deletedAt().toString(),
                    Ulid.of(r.id()), r.type(), r.name(), r.disabled(), r.channels().stream().map(ChannelMeta::of).toList(), r.metadata(),
                    thresholds, features);
        }
    }
}
